package io.openloop.ledger.messages.task;

import java.time.Instant;

/** The captured price reached the business's account; a completed task is then {@code SETTLED}. */
public record TaskSettledEvent(
        String taskId, String requesterLoopId, String businessLoopId, String holdId, long amount, Instant settledAt) {}
