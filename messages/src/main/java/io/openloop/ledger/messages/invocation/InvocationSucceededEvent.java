package io.openloop.ledger.messages.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A live invocation succeeded: {@code charged} of its hold is to be captured and paid to the publisher's account,
 * the rest released.
 */
public record InvocationSucceededEvent(
        String invocationId,
        String loopId,
        String publisherLoopId,
        String holdId,
        long charged,
        JsonNode output,
        List<String> proofIds,
        Instant completedAt) {}
