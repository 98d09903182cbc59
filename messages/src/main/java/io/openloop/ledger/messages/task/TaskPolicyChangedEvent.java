package io.openloop.ledger.messages.task;

import java.time.Instant;

/** A business replaced its task policy. */
public record TaskPolicyChangedEvent(String loopId, TaskPolicy policy, long policyVersion, Instant changedAt) {}
