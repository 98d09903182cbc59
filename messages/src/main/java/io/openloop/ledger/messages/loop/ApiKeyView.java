package io.openloop.ledger.messages.loop;

import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import java.time.Instant;
import java.util.Set;

/** A key as its owner sees it: never the secret or its hash, only the visible prefix. */
public record ApiKeyView(
        String keyId,
        String loopId,
        String name,
        KeyMode mode,
        Set<Scope> scopes,
        boolean owner,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {}
