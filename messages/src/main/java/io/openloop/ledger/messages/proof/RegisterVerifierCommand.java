package io.openloop.ledger.messages.proof;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator registers a third-party verifier whose Ed25519 signatures raise proofs to V4. Rejected with {@code
 * VALIDATION_FAILED} for a public key that is not 32 bytes of base64url.
 */
public record RegisterVerifierCommand(
        @TargetAggregateIdentifier String verifierId, String name, String publicKey) {}
