package io.openloop.ledger.api.loop;

import io.openloop.ledger.api.security.KeySecrets;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.NewApiKey;
import java.time.Instant;
import java.util.Set;

/**
 * A key as the response that creates it returns it: the only time its {@code secret} is shown. The server keeps only
 * the keyed hash.
 */
record IssuedKey(
        String keyId,
        String loopId,
        String name,
        KeyMode mode,
        Set<Scope> scopes,
        boolean owner,
        String prefix,
        Instant expiresAt,
        String secret) {

    /** A key prepared for a command, with the secret that goes back to the caller once. */
    record Prepared(NewApiKey key, String secret) {

        IssuedKey issuedTo(String loopId, Set<Scope> scopes, boolean owner) {
            return new IssuedKey(
                    key.keyId(), loopId, key.name(), key.mode(), scopes, owner, key.prefix(), key.expiresAt(), secret);
        }

        @Override
        public String toString() {
            return "Prepared[keyId=" + key.keyId() + ", prefix=" + key.prefix() + "]";
        }
    }

    static Prepared prepare(KeySecrets secrets, String name, KeyMode mode, Set<Scope> scopes, Instant expiresAt) {
        KeySecrets.GeneratedSecret generated = secrets.generate(mode);
        NewApiKey key =
                new NewApiKey(Ids.newId(Ids.KEY), name, mode, scopes, generated.hash(), generated.prefix(), expiresAt);
        return new Prepared(key, generated.secret());
    }

    @Override
    public String toString() {
        return "IssuedKey[keyId=" + keyId + ", prefix=" + prefix + "]";
    }
}
