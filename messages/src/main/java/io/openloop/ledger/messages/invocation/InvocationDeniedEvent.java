package io.openloop.ledger.messages.invocation;

import io.openloop.ledger.messages.policy.PolicyReason;
import java.time.Instant;
import java.util.List;

/** Policy denied the invocation; it is final and held nothing. */
public record InvocationDeniedEvent(
        String invocationId, String loopId, List<PolicyReason> reasons, long policyVersion, Instant deniedAt) {}
