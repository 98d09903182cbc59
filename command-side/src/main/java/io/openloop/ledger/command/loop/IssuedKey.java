package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import java.util.Set;

/**
 * The part of each issued key that the Loop aggregate keeps: enough to revoke it and to rotate it with the same rights.
 */
record IssuedKey(String keyId, String name, KeyMode mode, Set<Scope> scopes, boolean owner, boolean revoked) {

    IssuedKey revoke() {
        return new IssuedKey(keyId, name, mode, scopes, owner, true);
    }
}
