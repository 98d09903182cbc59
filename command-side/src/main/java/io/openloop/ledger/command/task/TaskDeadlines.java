package io.openloop.ledger.command.task;

import io.openloop.ledger.messages.task.TaskOffer;
import java.time.Instant;
import org.axonframework.deadline.DeadlineManager;

/**
 * Schedules the two deadlines of a task, {@value Task#OFFER_EXPIRY} and {@value Task#CONTRACT_DEADLINE}, each time
 * cancelling the deadline that the new one replaces.
 */
final class TaskDeadlines {

    private TaskDeadlines() {}

    /** Replaces any offer expiry with one at {@code offer}'s {@code expiresAt}; a counter-offer gets none. */
    static void offerMade(DeadlineManager deadlines, TaskOffer offer) {
        deadlines.cancelAllWithinScope(Task.OFFER_EXPIRY);
        if (!offer.counter()) {
            deadlines.schedule(offer.expiresAt(), Task.OFFER_EXPIRY, offer.offerId());
        }
    }

    /** Cancels the offer expiry and schedules the contract deadline at {@code due}. */
    static void contractStarted(DeadlineManager deadlines, Instant due) {
        deadlines.cancelAllWithinScope(Task.OFFER_EXPIRY);
        scheduleContractDeadline(deadlines, due);
    }

    /** Moves the contract deadline to {@code due}. */
    static void contractAmended(DeadlineManager deadlines, Instant due) {
        deadlines.cancelAllWithinScope(Task.CONTRACT_DEADLINE);
        scheduleContractDeadline(deadlines, due);
    }

    private static void scheduleContractDeadline(DeadlineManager deadlines, Instant due) {
        // The payload is the deadline as text, so that a deadline left over from before an amendment is recognised.
        deadlines.schedule(due, Task.CONTRACT_DEADLINE, due.toString());
    }
}
