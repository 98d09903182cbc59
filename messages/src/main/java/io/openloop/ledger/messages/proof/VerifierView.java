package io.openloop.ledger.messages.proof;

import java.time.Instant;

/** A registered verifier as the read model stores it; {@code revokedAt} is null while it may sign. */
public record VerifierView(String verifierId, String name, String publicKey, Instant registeredAt, Instant revokedAt) {}
