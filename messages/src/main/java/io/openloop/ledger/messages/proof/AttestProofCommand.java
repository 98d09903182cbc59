package io.openloop.ledger.messages.proof;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A registered verifier signs the proof's digest: V4. The signature is Ed25519 over the UTF-8 bytes of the proof's
 * digest in lower-case hex (see {@link ProofDigest}); the proof checks it against {@code verifierPublicKey}, which the
 * sender read from the verifier registry, and rejects a bad one with {@code VALIDATION_FAILED}.
 *
 * @param verifierPublicKey the verifier's Ed25519 public key, 32 bytes in base64url without padding
 * @param signature the signature, 64 bytes in base64url without padding
 */
public record AttestProofCommand(
        @TargetAggregateIdentifier String proofId, String verifierId, String verifierPublicKey, String signature) {}
