package io.openloop.ledger.command.task;

import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.MarkTaskSettledCommand;
import io.openloop.ledger.messages.task.ResolveDisputeCommand;
import io.openloop.ledger.messages.task.TaskState;
import java.util.Objects;

/** Checks of the commands that move a contract's price: marking it settled and resolving a dispute. */
final class SettlementRules {

    private SettlementRules() {}

    /**
     * Checks a dispute resolution. A {@code REFUNDED} one needs a {@code refundTransferId} and a price that already
     * reached the business; a {@code DISMISSED} one must carry no {@code refundTransferId}.
     */
    static void requireResolvable(String taskId, TaskState state, boolean settled, ResolveDisputeCommand command) {
        if (state != TaskState.DISPUTED) {
            throw TaskErrors.invalidState(taskId, state, "have a dispute resolved");
        }
        if (command.resolution() == null) {
            throw TaskErrors.invalidField("resolution", "resolution is missing; send REFUNDED or DISMISSED");
        }
        String refundTransferId = command.refundTransferId();
        if (command.resolution() == DisputeResolution.REFUNDED) {
            if (!settled) {
                throw TaskErrors.stateConflict(
                        taskId,
                        state,
                        "the payment of task " + taskId + " is still settling, so it cannot be refunded yet;"
                                + " retry once the business has received it");
            }
            TaskRules.requireKey(refundTransferId, "refundTransferId");
        } else if (refundTransferId != null) {
            throw TaskErrors.invalidField(
                    "refundTransferId", "a DISMISSED dispute moves no credits; send no refundTransferId");
        }
    }

    /** Checks that {@code command} names the task's hold and price, in a state whose price may still settle. */
    static void requireSettleable(
            String taskId, TaskState state, String holdId, long price, MarkTaskSettledCommand command) {
        if (!Objects.equals(command.holdId(), holdId)) {
            throw TaskErrors.invalidField(
                    "holdId", "holdId " + command.holdId() + " is not the hold of task " + taskId + ", " + holdId);
        }
        if (command.amount() != price) {
            throw TaskErrors.invalidField(
                    "amount", "amount is " + command.amount() + " credits; task " + taskId + " costs " + price);
        }
        if (state != TaskState.COMPLETED && state != TaskState.DISPUTED && state != TaskState.DISMISSED) {
            throw TaskErrors.invalidState(taskId, state, "be marked settled");
        }
    }
}
