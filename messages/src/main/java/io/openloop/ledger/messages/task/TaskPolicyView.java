package io.openloop.ledger.messages.task;

import java.time.Instant;

/** A business's task policy as the read model stores it; version 0 when none was set. */
public record TaskPolicyView(String loopId, TaskPolicy policy, long policyVersion, Instant changedAt) {}
