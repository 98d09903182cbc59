package io.openloop.ledger.query.auth;

import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import java.time.Instant;
import java.util.Set;

/**
 * The facts about one API key that authentication needs, found by the keyed hash of its secret.
 *
 * <p>The key's scopes are as issued; a request may use only those that are also effective for the loop at that time
 * (see {@link LoopAuthority#effective()}).
 *
 * @param expiresAt null for a key that does not expire
 * @param revokedAt null for a key that is not revoked
 */
public record KeyCredential(
        String keyId,
        String loopId,
        KeyMode mode,
        Set<Scope> scopes,
        boolean owner,
        Instant expiresAt,
        Instant revokedAt) {

    public KeyCredential {
        scopes = Set.copyOf(scopes);
    }

    /** Tells whether the key may authenticate at {@code now}: not revoked, and not at or past its expiry. */
    public boolean isUsableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
