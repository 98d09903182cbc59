package io.openloop.ledger.command.task;

import static io.openloop.ledger.messages.task.TaskState.ACCEPTED;
import static io.openloop.ledger.messages.task.TaskState.COMPLETED;
import static io.openloop.ledger.messages.task.TaskState.INPUT_REQUIRED;
import static io.openloop.ledger.messages.task.TaskState.IN_PROGRESS;
import static io.openloop.ledger.messages.task.TaskState.NEGOTIATING;
import static io.openloop.ledger.messages.task.TaskState.OFFERED;
import static io.openloop.ledger.messages.task.TaskState.REQUESTED;
import static io.openloop.ledger.messages.task.TaskState.SETTLED;

import io.openloop.ledger.messages.task.TaskMessageType;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskParty;
import io.openloop.ledger.messages.task.TaskState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The AAP transition table: which party may send each message type, and from which states. A {@code TASK_REQUEST}
 * creates the task and is not in the table.
 */
final class MessageRules {

    private static final Set<TaskState> UNDER_CONTRACT = EnumSet.of(ACCEPTED, IN_PROGRESS, INPUT_REQUIRED);

    private static final Set<TaskState> OPEN =
            EnumSet.of(REQUESTED, NEGOTIATING, OFFERED, ACCEPTED, IN_PROGRESS, INPUT_REQUIRED);

    private static final Map<TaskMessageType, Map<TaskParty, Set<TaskState>>> TABLE =
            new EnumMap<>(TaskMessageType.class);

    static {
        business(TaskMessageType.TASK_OFFER, EnumSet.of(REQUESTED, NEGOTIATING));
        business(TaskMessageType.COUNTER_OFFER, EnumSet.of(OFFERED, NEGOTIATING));
        requester(TaskMessageType.COUNTER_OFFER, EnumSet.of(OFFERED, NEGOTIATING));
        business(TaskMessageType.TASK_REJECT, EnumSet.of(REQUESTED));
        requester(TaskMessageType.OFFER_ACCEPT, EnumSet.of(OFFERED));
        requester(TaskMessageType.OFFER_DECLINE, EnumSet.of(OFFERED));
        business(TaskMessageType.TASK_UPDATE, EnumSet.of(ACCEPTED, IN_PROGRESS));
        requester(TaskMessageType.TASK_UPDATE, EnumSet.of(INPUT_REQUIRED));
        business(TaskMessageType.INPUT_REQUEST, EnumSet.of(ACCEPTED, IN_PROGRESS));
        business(TaskMessageType.TASK_COMPLETE, UNDER_CONTRACT);
        business(TaskMessageType.TASK_FAIL, UNDER_CONTRACT);
        business(TaskMessageType.TASK_CANCEL, OPEN);
        requester(TaskMessageType.TASK_CANCEL, OPEN);
        requester(TaskMessageType.TASK_DISPUTE, EnumSet.of(COMPLETED, SETTLED));
    }

    private MessageRules() {}

    private static void business(TaskMessageType type, Set<TaskState> from) {
        TABLE.computeIfAbsent(type, t -> new EnumMap<>(TaskParty.class)).put(TaskParty.BUSINESS, from);
    }

    private static void requester(TaskMessageType type, Set<TaskState> from) {
        TABLE.computeIfAbsent(type, t -> new EnumMap<>(TaskParty.class)).put(TaskParty.REQUESTER, from);
    }

    /** Returns the states from which {@code sender} may send {@code type}; empty when it may never send it. */
    static Set<TaskState> allowedFrom(TaskMessageType type, TaskParty sender) {
        return TABLE.getOrDefault(type, Map.of()).getOrDefault(sender, Set.of());
    }

    /** Returns the party on the other side of {@code party}. */
    static TaskParty other(TaskParty party) {
        return party == TaskParty.REQUESTER ? TaskParty.BUSINESS : TaskParty.REQUESTER;
    }

    /**
     * Rejects a message that {@code sender} may not send in {@code state}. The error names the other party as {@code
     * expectedSender} when {@code sender} may never send this type, or when only the other party may send it in this
     * state; otherwise it names only the current state.
     */
    static void check(String taskId, TaskMessageType type, TaskParty sender, TaskState state) {
        Set<TaskState> own = allowedFrom(type, sender);
        if (own.contains(state)) {
            return;
        }
        TaskParty other = other(sender);
        String action = "receive " + type.name();
        if (own.isEmpty() || allowedFrom(type, other).contains(state)) {
            throw TaskErrors.wrongSender(taskId, state, other, "send " + type.name());
        }
        throw TaskErrors.invalidState(taskId, state, action);
    }

    /** Returns the party {@code loopId} is in the task; a loop that is neither party gets {@code NOT_FOUND}. */
    static TaskParty partyOf(String taskId, String requesterLoopId, String businessLoopId, String loopId) {
        if (requesterLoopId.equals(loopId)) {
            return TaskParty.REQUESTER;
        }
        if (businessLoopId.equals(loopId)) {
            return TaskParty.BUSINESS;
        }
        throw TaskErrors.notFound(taskId);
    }

    /**
     * Rejects a message at or after the offer's expiry or the contract's deadline, even before the deadline fires, for
     * example while a restarted deadline manager catches up.
     */
    static void requireNotLapsed(
            String taskId, TaskState state, TaskOffer offer, Instant deadline, Instant now, String action) {
        if (state == TaskState.OFFERED && !now.isBefore(offer.expiresAt())) {
            throw TaskErrors.expired(taskId, offer.expiresAt(), action);
        }
        if (state.isUnderContract() && !now.isBefore(deadline)) {
            throw TaskErrors.expired(taskId, deadline, action);
        }
    }
}
