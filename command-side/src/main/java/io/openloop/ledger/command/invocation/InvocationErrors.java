package io.openloop.ledger.command.invocation;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import java.time.Instant;
import java.util.Map;

/** The rejections of invocation commands, each with the fields a caller needs to act on it. */
final class InvocationErrors {

    private InvocationErrors() {}

    /** {@code VALIDATION_FAILED} naming one field, under {@code fields}. */
    static LedgerException invalidField(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(field, message)));
    }

    /** {@code INVALID_STATE} with the invocation's status name under {@code currentState}. */
    static LedgerException invalidState(String invocationId, InvocationStatus status, String action) {
        return new LedgerException(
                ErrorCode.INVALID_STATE,
                "invocation " + invocationId + " is " + status.name() + ", so it cannot " + action,
                Map.of("invocationId", invocationId, "currentState", status.name()));
    }

    /**
     * {@code INVALID_STATE} with {@code currentState} {@code EXPIRED} for an invocation past its {@code expiresAt}
     * whose expiry is not recorded yet.
     */
    static LedgerException expired(String invocationId, Instant expiresAt, String action) {
        return new LedgerException(
                ErrorCode.INVALID_STATE,
                "invocation " + invocationId + " expired at " + expiresAt + ", so it cannot " + action,
                Map.of(
                        "invocationId",
                        invocationId,
                        "currentState",
                        InvocationStatus.EXPIRED.name(),
                        "expiresAt",
                        expiresAt.toString()));
    }

    /** {@code NOT_FOUND} for a loop that may not see the invocation, so its existence is not revealed. */
    static LedgerException notFound(String invocationId) {
        return new LedgerException(
                ErrorCode.NOT_FOUND, "invocation " + invocationId + " not found", Map.of("invocationId", invocationId));
    }
}
