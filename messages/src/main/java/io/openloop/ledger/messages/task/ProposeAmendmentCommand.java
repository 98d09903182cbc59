package io.openloop.ledger.messages.task;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A party proposes new terms or a new deadline for the contract; the other party must accept it before it binds.
 * Rejected with {@code INVALID_STATE} unless the task is under contract, and with {@code VALIDATION_FAILED} when both
 * are null or the deadline is in the past or beyond the hold's reach.
 */
public record ProposeAmendmentCommand(
        @TargetAggregateIdentifier String taskId,
        String amendmentId,
        String senderLoopId,
        String terms,
        Instant deadline) {}
