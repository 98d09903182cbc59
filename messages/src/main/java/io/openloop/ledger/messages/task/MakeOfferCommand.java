package io.openloop.ledger.messages.task;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A {@code TASK_OFFER} from the business (from {@code REQUESTED} or {@code NEGOTIATING}) or a {@code COUNTER_OFFER}
 * from either party (from {@code OFFERED} or {@code NEGOTIATING}). Rejected with {@code VALIDATION_FAILED} for a
 * negative price, an expiry in the past or a deadline before the expiry, and with {@code INVALID_STATE} and the {@code
 * currentState} when the sender or the state does not fit.
 *
 * @param deadline when the work must be complete after acceptance; null gives the default contract duration
 */
public record MakeOfferCommand(
        @TargetAggregateIdentifier String taskId,
        String messageId,
        String senderLoopId,
        boolean counter,
        String offerId,
        long price,
        String terms,
        Instant expiresAt,
        Instant deadline) {}
