package io.openloop.ledger.messages.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A sandbox invocation ended; nothing real happened and no credit moved. */
public record InvocationSimulatedEvent(
        String invocationId,
        String loopId,
        String publisherLoopId,
        boolean succeeded,
        JsonNode output,
        String error,
        List<String> proofIds,
        Instant completedAt) {}
