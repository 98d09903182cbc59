package io.openloop.ledger.messages.loop;

import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import java.time.Instant;
import java.util.Set;

/**
 * A key about to be issued, as the API prepares it. The secret itself is never part of a message: only its keyed hash
 * (hex HMAC-SHA-256 with the server's key secret) and a short visible prefix such as {@code lk_live_3kF9}.
 *
 * @param expiresAt null for a key that does not expire
 */
public record NewApiKey(
        String keyId, String name, KeyMode mode, Set<Scope> scopes, String hash, String prefix, Instant expiresAt) {

    public NewApiKey {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }
}
