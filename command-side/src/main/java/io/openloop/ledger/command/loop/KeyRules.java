package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyIssuedEvent;
import io.openloop.ledger.messages.loop.NewApiKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of a {@link NewApiKey} as the API prepared it. Every failing field is reported at once, named as
 * {@code <field>.<component>}, for example {@code ownerKey.hash}.
 */
final class KeyRules {

    static final int MAX_NAME_LENGTH = 100;

    /** Hex HMAC-SHA-256 of the secret: 64 lower-case hex digits. */
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** The characters of the secret that the visible prefix may show after {@code lk_live_} or {@code lk_test_}. */
    private static final Pattern PREFIX_TAIL = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    private KeyRules() {}

    /**
     * Validates an owner key: it must be live, and its scopes, if given, must be exactly {@code ownerScopes}, because
     * an owner key carries every permission of its loop.
     *
     * @return the key with its scopes set to {@code ownerScopes} and a name defaulted to {@code owner}
     */
    static NewApiKey ownerKey(NewApiKey key, Set<Scope> ownerScopes, Instant now) {
        if (key == null) {
            throw LoopErrors.invalidField("ownerKey", "ownerKey is missing; the API prepares it with the loop");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        checkCommon(key, "ownerKey", now, errors);
        if (key.mode() == KeyMode.TEST) {
            errors.put(
                    "ownerKey.mode",
                    "ownerKey.mode is \"test\"; an owner key must be \"live\", issue test keys after registration");
        }
        if (!key.scopes().isEmpty() && !key.scopes().equals(ownerScopes)) {
            errors.put(
                    "ownerKey.scopes",
                    "ownerKey.scopes differ from the loop's permissions; an owner key carries all of them,"
                            + " omit scopes");
        }
        if (!errors.isEmpty()) {
            throw LoopErrors.invalidFields(errors);
        }
        String name = key.name() == null || key.name().isBlank()
                ? "owner"
                : key.name().strip();
        return new NewApiKey(key.keyId(), name, key.mode(), ownerScopes, key.hash(), key.prefix(), key.expiresAt());
    }

    /** Validates a scoped key; its scopes must not be empty. Returns the key with its name trimmed. */
    static NewApiKey scopedKey(NewApiKey key, String field, Instant now) {
        if (key == null) {
            throw LoopErrors.invalidField(field, field + " is missing; send the key to issue");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        checkCommon(key, field, now, errors);
        if (key.name() == null || key.name().isBlank()) {
            errors.put(field + ".name", field + ".name is missing; send a name such as \"ci deploy\"");
        }
        if (key.scopes().stream().anyMatch(Objects::isNull)) {
            errors.put(
                    field + ".scopes",
                    field + ".scopes contains an unknown scope; use scopes such as \"aap:send\" or \"tools:invoke\"");
        } else if (key.scopes().isEmpty()) {
            errors.put(field + ".scopes", field + ".scopes is empty; a key needs at least one scope");
        }
        if (!errors.isEmpty()) {
            throw LoopErrors.invalidFields(errors);
        }
        return new NewApiKey(
                key.keyId(), key.name().strip(), key.mode(), key.scopes(), key.hash(), key.prefix(), key.expiresAt());
    }

    /**
     * Validates the replacement of {@code old}: it keeps the old key's mode, scopes and owner flag, and its name unless
     * the replacement names one. A replacement mode other than the old key's is rejected rather than ignored.
     */
    static NewApiKey replacement(NewApiKey replacement, IssuedKey old, Instant now) {
        if (replacement == null) {
            throw LoopErrors.invalidField("replacement", "replacement is missing; send the new key to issue");
        }
        if (replacement.mode() != null && replacement.mode() != old.mode()) {
            throw LoopErrors.invalidField(
                    "replacement.mode",
                    "replacement.mode is " + replacement.mode().wireName() + " but key " + old.keyId() + " is "
                            + old.mode().wireName() + "; a rotated key keeps its mode, so omit mode");
        }
        String name = replacement.name() == null || replacement.name().isBlank() ? old.name() : replacement.name();
        NewApiKey candidate = new NewApiKey(
                replacement.keyId(),
                name,
                old.mode(),
                old.scopes(),
                replacement.hash(),
                replacement.prefix(),
                replacement.expiresAt());
        return scopedKey(candidate, "replacement", now);
    }

    /** Builds the event that issues a validated {@code key} to {@code loopId}. */
    static ApiKeyIssuedEvent issuedEvent(String loopId, NewApiKey key, boolean owner, String replaces, Instant now) {
        return new ApiKeyIssuedEvent(
                loopId,
                key.keyId(),
                key.name(),
                key.mode(),
                key.scopes(),
                owner,
                key.hash(),
                key.prefix(),
                key.expiresAt(),
                replaces,
                now);
    }

    private static void checkCommon(NewApiKey key, String field, Instant now, Map<String, String> errors) {
        if (!Ids.isValid(key.keyId(), Ids.KEY)) {
            errors.put(
                    field + ".keyId",
                    field + ".keyId " + key.keyId() + " is not a key id; generate one with Ids.newId(Ids.KEY)");
        }
        if (key.name() != null) {
            String name = key.name().strip();
            if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
                errors.put(field + ".name", field + ".name is longer than " + MAX_NAME_LENGTH + " characters");
            } else if (name.codePoints().anyMatch(Character::isISOControl)) {
                errors.put(field + ".name", field + ".name contains a control character; remove it");
            }
        }
        if (key.mode() == null) {
            errors.put(field + ".mode", field + ".mode is missing or unknown; send \"live\" or \"test\"");
        }
        if (key.hash() == null || !HASH.matcher(key.hash()).matches()) {
            errors.put(
                    field + ".hash",
                    field + ".hash is not 64 lower-case hex digits; send the hex HMAC-SHA-256 of the secret");
        }
        if (key.mode() != null && !isPrefixOf(key.prefix(), key.mode())) {
            errors.put(
                    field + ".prefix",
                    field + ".prefix must be " + key.mode().secretPrefix()
                            + " followed by 1 to 16 characters of the secret");
        }
        if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
            errors.put(
                    field + ".expiresAt",
                    field + ".expiresAt " + key.expiresAt() + " is not in the future; send a later time or none");
        } else if (key.expiresAt() != null && key.expiresAt().isAfter(now.plus(MAX_KEY_LIFETIME))) {
            // Read models and clients store times as milliseconds; far-future instants overflow them.
            errors.put(
                    field + ".expiresAt",
                    field + ".expiresAt " + key.expiresAt() + " is more than " + MAX_KEY_LIFETIME.toDays()
                            + " days ahead; send an earlier time or none for a key that does not expire");
        }
    }

    /** The maximum lifetime of a key with an expiry. */
    static final java.time.Duration MAX_KEY_LIFETIME = java.time.Duration.ofDays(3660);

    private static boolean isPrefixOf(String prefix, KeyMode mode) {
        if (prefix == null || !prefix.startsWith(mode.secretPrefix())) {
            return false;
        }
        return PREFIX_TAIL
                .matcher(prefix.substring(mode.secretPrefix().length()))
                .matches();
    }
}
