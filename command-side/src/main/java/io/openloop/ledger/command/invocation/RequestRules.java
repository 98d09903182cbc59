package io.openloop.ledger.command.invocation;

import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.invocation.RequestInvocationCommand;
import io.openloop.ledger.messages.policy.PolicyDecision;
import java.time.Instant;

/**
 * Checks that a {@link RequestInvocationCommand} is consistent before the invocation exists. The checks that decided
 * it (policy, credits, schemas) ran before the command, and these rules catch a sender that combined their outcomes
 * wrongly. A wrong combination would hold credits that nothing releases, or charge credits that nothing holds.
 */
final class RequestRules {

    private RequestRules() {}

    static void check(RequestInvocationCommand command, Instant now) {
        requireId(command.invocationId(), Ids.INVOCATION, "invocationId");
        requireId(command.loopId(), Ids.LOOP, "loopId");
        requireId(command.publisherLoopId(), Ids.LOOP, "publisherLoopId");
        requireText(command.toolId(), "toolId");
        requireText(command.toolName(), "toolName");
        requireText(command.version(), "version");
        if (command.executionMode() == null) {
            throw InvocationErrors.invalidField(
                    "executionMode", "executionMode is missing; send sandbox, guided or autopilot");
        }
        if (command.policy() == null || command.policy().decision() == null) {
            throw InvocationErrors.invalidField("policy", "policy decision is missing; evaluate policy first");
        }
        if (command.estimate() < 0) {
            throw InvocationErrors.invalidField(
                    "estimate", "estimate is " + command.estimate() + "; it must be 0 or more credits");
        }

        ExactNumbers.check(command.input(), "input");

        checkHold(command);
        if (waits(command)) {
            checkExpiry(command.expiresAt(), now);
        }
    }

    /** True when the invocation will wait for an approval or a result, so it needs an expiry. */
    static boolean waits(RequestInvocationCommand command) {
        return command.policy().decision() != PolicyDecision.DENY && command.shortfall() == null;
    }

    private static void checkHold(RequestInvocationCommand command) {
        boolean held = command.holdId() != null;
        if (held && !command.executionMode().isLive()) {
            throw InvocationErrors.invalidField("holdId", "a sandbox invocation holds no credits; send no holdId");
        }
        if (held && command.policy().decision() == PolicyDecision.DENY) {
            throw InvocationErrors.invalidField(
                    "holdId", "a denied invocation holds no credits; release the hold and send no holdId");
        }
        if (held && command.shortfall() != null) {
            throw InvocationErrors.invalidField("holdId", "a blocked invocation holds no credits; send no holdId");
        }
        // The hold id is the invocation id, so the settlement and the invocation log find the hold from the event.
        if (held && !command.holdId().equals(command.invocationId())) {
            throw InvocationErrors.invalidField(
                    "holdId", "holdId " + command.holdId() + " must equal the invocation id " + command.invocationId());
        }
        boolean needsHold = command.executionMode().isLive() && command.estimate() > 0 && waits(command);
        if (needsHold && !held) {
            throw InvocationErrors.invalidField(
                    "holdId",
                    "a live invocation with an estimate of " + command.estimate()
                            + " credits must hold them; place the hold first");
        }
    }

    private static void checkExpiry(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            throw InvocationErrors.invalidField(
                    "expiresAt", "expiresAt is missing; an invocation that waits needs a time to expire");
        }
        if (!expiresAt.isAfter(now)) {
            throw InvocationErrors.invalidField(
                    "expiresAt", "expiresAt " + expiresAt + " is not in the future; send a later time");
        }
    }

    static void requireId(String id, String prefix, String field) {
        if (!Ids.isValid(id, prefix)) {
            throw InvocationErrors.invalidField(
                    field, field + " [" + id + "] is not a valid id; it starts with " + prefix);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw InvocationErrors.invalidField(field, field + " is missing");
        }
    }
}
