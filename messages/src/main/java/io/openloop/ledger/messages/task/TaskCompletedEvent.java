package io.openloop.ledger.messages.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The business completed the task with proof; the settlement captures the held price for it. */
public record TaskCompletedEvent(
        String taskId,
        String messageId,
        String requesterLoopId,
        String businessLoopId,
        JsonNode result,
        List<String> proofIds,
        long price,
        String holdId,
        Instant completedAt) {}
