package io.openloop.ledger.messages.proof;

import java.time.Instant;

/** A verifier was registered with its Ed25519 public key. */
public record VerifierRegisteredEvent(String verifierId, String name, String publicKey, Instant registeredAt) {}
