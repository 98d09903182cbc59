package io.openloop.ledger.projection.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.credit.CreditsHeldEvent;
import io.openloop.ledger.messages.credit.HoldCapturedEvent;
import io.openloop.ledger.messages.credit.HoldReleasedEvent;
import io.openloop.ledger.messages.invocation.InvocationApprovalRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationApprovedEvent;
import io.openloop.ledger.messages.invocation.InvocationQueuedEvent;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.policy.PolicyReason;
import java.time.Instant;
import java.util.List;

/** Events of one invocation, as the aggregate and the credit account record them, for projection tests. */
final class InvocationEvents {

    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    static final String LOOP = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    static final String PUBLISHER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    static final String OWNER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XC";
    static final String ACCOUNT = "acct_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    static final String PUBLISHER_ACCOUNT = "acct_01JE9Z4R8QZ4V2M1T6C3N5B7XB";

    /** Input with a {@code $}-prefixed field name, which the in-process store rejects inside a document. */
    static final JsonNode INPUT = input();

    static final JsonNode OUTPUT = JsonNodeFactory.instance.objectNode().put("quote", 1200);

    private InvocationEvents() {}

    private static JsonNode input() {
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("city", "Atlanta");
        input.putObject("filter").put("$gt", 3);
        return input;
    }

    static PolicyEvaluation policy(PolicyDecision decision) {
        return new PolicyEvaluation(decision, List.of(new PolicyReason("RISK_OK", "medium risk is allowed")), 2, 70);
    }

    static InvocationRequestedEvent requested(String invocationId, String loopId, PolicyDecision decision) {
        return requested(invocationId, loopId, ExecutionMode.AUTOPILOT, decision);
    }

    static InvocationRequestedEvent requested(
            String invocationId, String loopId, ExecutionMode mode, PolicyDecision decision) {
        return new InvocationRequestedEvent(
                invocationId,
                loopId,
                "key_01JE9Z4R8QZ4V2M1T6C3N5B7XD",
                "tool_01JE9Z4R8QZ4V2M1T6C3N5B7XE",
                "@acme/quote",
                "1.0.0",
                PUBLISHER,
                mode,
                RiskLevel.MEDIUM,
                List.of("receipt"),
                INPUT,
                null,
                policy(decision),
                40,
                T0.plusSeconds(3600),
                T0);
    }

    static InvocationQueuedEvent queued(String invocationId, String loopId) {
        return new InvocationQueuedEvent(invocationId, loopId, PUBLISHER, invocationId, T0);
    }

    static InvocationApprovalRequestedEvent approvalRequested(String invocationId, String loopId) {
        return new InvocationApprovalRequestedEvent(
                invocationId,
                loopId,
                invocationId,
                policy(PolicyDecision.REQUIRE_APPROVAL).reasons(),
                T0);
    }

    static InvocationApprovedEvent approved(String invocationId, String loopId) {
        return new InvocationApprovedEvent(
                invocationId, loopId, PUBLISHER, OWNER, "key_01JE9Z4R8QZ4V2M1T6C3N5B7XF", T0.plusSeconds(60));
    }

    static InvocationSucceededEvent succeeded(String invocationId, String loopId, long charged) {
        return new InvocationSucceededEvent(
                invocationId, loopId, PUBLISHER, invocationId, charged, OUTPUT, List.of("prf_1"), T0.plusSeconds(90));
    }

    static CreditsHeldEvent held(String holdId) {
        return new CreditsHeldEvent(ACCOUNT, holdId, 40, holdId, T0.plusSeconds(7200), 960, T0);
    }

    static HoldCapturedEvent captured(String holdId, long captured) {
        return new HoldCapturedEvent(
                ACCOUNT,
                holdId,
                captured,
                40 - captured,
                PUBLISHER_ACCOUNT,
                holdId,
                1000 - captured,
                1000 - captured,
                T0.plusSeconds(91));
    }

    static HoldReleasedEvent released(String holdId) {
        return new HoldReleasedEvent(ACCOUNT, holdId, 40, holdId, false, "invocation failed", 1000, T0.plusSeconds(91));
    }
}
