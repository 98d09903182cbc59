package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rejections of loop commands, each with the fields a caller needs to act on it. */
final class LoopErrors {

    private LoopErrors() {}

    /** {@code VALIDATION_FAILED} naming one field, under {@code fields}. */
    static LedgerException invalidField(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(field, message)));
    }

    /** {@code VALIDATION_FAILED} naming several fields, in insertion order, with one message per field. */
    static LedgerException invalidFields(Map<String, String> fields) {
        String message = String.join("; ", fields.values());
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", new LinkedHashMap<>(fields)));
    }

    /** {@code INVALID_STATE} with the state the loop is in, under {@code currentState}. */
    static LedgerException invalidState(String message, String currentState) {
        return new LedgerException(ErrorCode.INVALID_STATE, message, Map.of("currentState", currentState));
    }

    static LedgerException loopNotFound(String field, String loopId) {
        return new LedgerException(ErrorCode.NOT_FOUND, "loop " + loopId + " not found", Map.of(field, loopId));
    }

    static LedgerException keyNotFound(String loopId, String keyId) {
        return new LedgerException(
                ErrorCode.NOT_FOUND,
                "key " + keyId + " of loop " + loopId + " not found or already revoked",
                Map.of("loopId", loopId, "keyId", keyId));
    }

    /** {@code LOOP_SUSPENDED} for {@code loopId}, naming the suspended loop of its chain if that is an ancestor. */
    static LedgerException suspended(String loopId, String suspendedLoopId, String action) {
        String message = loopId.equals(suspendedLoopId)
                ? "loop " + loopId + " is suspended, so it cannot " + action + "; reinstate it first"
                : "loop " + loopId + " is suspended because its ancestor " + suspendedLoopId + " is, so it cannot "
                        + action + "; reinstate " + suspendedLoopId + " first";
        return new LedgerException(
                ErrorCode.LOOP_SUSPENDED, message, Map.of("loopId", loopId, "suspendedLoopId", suspendedLoopId));
    }
}
