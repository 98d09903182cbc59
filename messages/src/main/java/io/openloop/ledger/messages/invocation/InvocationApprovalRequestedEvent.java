package io.openloop.ledger.messages.invocation;

import io.openloop.ledger.messages.policy.PolicyReason;
import java.time.Instant;
import java.util.List;

/**
 * The invocation waits for the approval of an owner of its loop; the estimate, if any, is already held.
 *
 * @param reasons why policy asked for approval
 */
public record InvocationApprovalRequestedEvent(
        String invocationId, String loopId, String holdId, List<PolicyReason> reasons, Instant requestedAt) {}
