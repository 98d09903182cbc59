package io.openloop.ledger.messages.loop;

import java.time.Instant;

/** A key was revoked; from now on it authenticates nothing. */
public record ApiKeyRevokedEvent(String loopId, String keyId, Instant revokedAt) {}
