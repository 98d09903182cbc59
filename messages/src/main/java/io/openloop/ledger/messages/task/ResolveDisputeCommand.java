package io.openloop.ledger.messages.task;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator closes a dispute. {@code REFUNDED} needs the settlement to have landed: it is rejected with {@code
 * INVALID_STATE} until the task's payment reached the business.
 *
 * @param refundTransferId the transfer id of the compensating entries for {@code REFUNDED}; null for {@code DISMISSED}
 */
public record ResolveDisputeCommand(
        @TargetAggregateIdentifier String taskId, DisputeResolution resolution, String note, String refundTransferId) {}
