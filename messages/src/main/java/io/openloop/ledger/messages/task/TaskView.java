package io.openloop.ledger.messages.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A task as its read model stores it. The model is built from events, so a view can lag the task briefly.
 *
 * @param offer the offer or counter-offer last put on the table; null before the first
 * @param contract the contract once an offer was accepted; null before
 * @param settled true once the price reached the business
 * @param resolution how an operator closed a dispute; null otherwise
 * @param reason why the task was rejected, declined, failed or cancelled
 * @param sequence the sequence number of the last task event applied
 */
public record TaskView(
        String taskId,
        String task,
        String requesterLoopId,
        String businessLoopId,
        TaskState state,
        JsonNode inputs,
        TaskOffer offer,
        ContractView contract,
        JsonNode result,
        List<String> proofIds,
        boolean settled,
        DisputeResolution resolution,
        String reason,
        Instant createdAt,
        Instant updatedAt,
        long sequence) {

    public TaskView {
        proofIds = proofIds == null ? List.of() : List.copyOf(proofIds);
    }
}
