package io.openloop.ledger.command.proof;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.util.Map;

/** The rejections of proof and verifier commands, each with the fields a caller needs to act on it. */
final class ProofErrors {

    private ProofErrors() {}

    /** {@code VALIDATION_FAILED} naming one field, under {@code fields}. */
    static LedgerException invalidField(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(field, message)));
    }

    /** {@code INVALID_STATE} for a proof, with its level name under {@code currentState}. */
    static LedgerException invalidProofState(String proofId, String currentState, String message) {
        return new LedgerException(
                ErrorCode.INVALID_STATE, message, Map.of("proofId", proofId, "currentState", currentState));
    }

    /** {@code INVALID_STATE} for a verifier, with {@code ACTIVE} or {@code REVOKED} under {@code currentState}. */
    static LedgerException invalidVerifierState(String verifierId, String currentState, String message) {
        return new LedgerException(
                ErrorCode.INVALID_STATE, message, Map.of("verifierId", verifierId, "currentState", currentState));
    }
}
