package io.openloop.ledger.command.task;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.task.TaskParty;
import io.openloop.ledger.messages.task.TaskState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The rejections of task commands, each with the fields a caller needs to act on it. */
final class TaskErrors {

    private TaskErrors() {}

    /** {@code VALIDATION_FAILED} naming one field, under {@code fields}. */
    static LedgerException invalidField(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(field, message)));
    }

    /** {@code INVALID_STATE} with the task's state name under {@code currentState}. */
    static LedgerException invalidState(String taskId, TaskState state, String action) {
        return stateConflict(taskId, state, "task " + taskId + " is " + state.name() + ", so it cannot " + action);
    }

    /** {@code INVALID_STATE} with the task's state name under {@code currentState} and {@code message}. */
    static LedgerException stateConflict(String taskId, TaskState state, String message) {
        return new LedgerException(
                ErrorCode.INVALID_STATE, message, Map.of("taskId", taskId, "currentState", state.name()));
    }

    /**
     * {@code INVALID_STATE} for a party that may not send this message now, with {@code expectedSender} naming the
     * party that may ({@code requester} or {@code business}).
     */
    static LedgerException wrongSender(String taskId, TaskState state, TaskParty expected, String action) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("taskId", taskId);
        details.put("currentState", state.name());
        details.put("expectedSender", senderName(expected));
        return new LedgerException(
                ErrorCode.INVALID_STATE,
                "task " + taskId + " is " + state.name() + " and only the " + senderName(expected) + " may " + action,
                details);
    }

    /**
     * {@code INVALID_STATE} with {@code currentState} {@code EXPIRED} for a task past an offer's expiry or the
     * contract's deadline whose expiry is not recorded yet.
     */
    static LedgerException expired(String taskId, Instant expiredAt, String action) {
        return new LedgerException(
                ErrorCode.INVALID_STATE,
                "task " + taskId + " expired at " + expiredAt + ", so it cannot " + action,
                Map.of("taskId", taskId, "currentState", TaskState.EXPIRED.name(), "expiredAt", expiredAt.toString()));
    }

    /** {@code NOT_FOUND} for a loop that is neither party, so the task's existence is not revealed. */
    static LedgerException notFound(String taskId) {
        return new LedgerException(ErrorCode.NOT_FOUND, "task " + taskId + " not found", Map.of("taskId", taskId));
    }

    /** {@code PROOF_REQUIRED} for a completion without proof. */
    static LedgerException proofRequired(String taskId) {
        return new LedgerException(
                ErrorCode.PROOF_REQUIRED,
                "task " + taskId + " cannot be completed without proof; attach proofs and send their ids in proofIds",
                Map.of("taskId", taskId, "missing", "proofIds"));
    }

    /** Returns the name of a party in messages and error details: {@code requester} or {@code business}. */
    static String senderName(TaskParty party) {
        return party.name().toLowerCase(Locale.ROOT);
    }
}
