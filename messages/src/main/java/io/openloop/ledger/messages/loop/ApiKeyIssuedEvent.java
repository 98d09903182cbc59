package io.openloop.ledger.messages.loop;

import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import java.time.Instant;
import java.util.Set;

/**
 * A key was issued for a loop. Carries the keyed hash and visible prefix, never the secret.
 *
 * @param owner true for the loop's owner key, which manages the loop and its descendants
 * @param replaces the key this one rotated, or null
 */
public record ApiKeyIssuedEvent(
        String loopId,
        String keyId,
        String name,
        KeyMode mode,
        Set<Scope> scopes,
        boolean owner,
        String hash,
        String prefix,
        Instant expiresAt,
        String replaces,
        Instant issuedAt) {}
