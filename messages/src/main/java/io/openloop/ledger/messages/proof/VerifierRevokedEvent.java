package io.openloop.ledger.messages.proof;

import java.time.Instant;

/** A verifier was revoked. */
public record VerifierRevokedEvent(String verifierId, String reason, Instant revokedAt) {}
