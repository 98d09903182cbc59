package io.openloop.ledger.projection.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.credit.CreditsHeldEvent;
import io.openloop.ledger.messages.invocation.InvocationApprovalRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationQueuedEvent;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.policy.PolicyReason;
import java.time.Instant;
import java.util.List;

/**
 * Writes the invocation log through the real projection, so query-side tests read documents exactly as the projection
 * stores them. Lives in the projection's package to reach its package-private handlers.
 */
public final class InvocationLogWriter {

    public static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final InvocationLogProjection projection;

    public InvocationLogWriter(MongoDatabase database) {
        this.projection = new InvocationLogProjection(database);
    }

    /** Records a live invocation that is queued for its publisher. */
    public void pending(String invocationId, String loopId, String publisherLoopId, String toolName, JsonNode input) {
        projection.on(requested(invocationId, loopId, publisherLoopId, toolName, ExecutionMode.AUTOPILOT, input), 0);
        projection.on(new InvocationQueuedEvent(invocationId, loopId, publisherLoopId, invocationId, T0), 1);
    }

    /** Records a guided invocation that waits for an owner's approval. */
    public void awaitingApproval(String invocationId, String loopId, String publisherLoopId) {
        projection.on(requested(invocationId, loopId, publisherLoopId, "@acme/quote", ExecutionMode.GUIDED, null), 0);
        projection.on(new InvocationApprovalRequestedEvent(invocationId, loopId, invocationId, List.of(), T0), 1);
    }

    /** Records a sandbox invocation that is queued for its publisher. */
    public void sandboxPending(String invocationId, String loopId, String publisherLoopId) {
        projection.on(requested(invocationId, loopId, publisherLoopId, "@acme/quote", ExecutionMode.SANDBOX, null), 0);
        projection.on(new InvocationQueuedEvent(invocationId, loopId, publisherLoopId, null, T0), 1);
    }

    public void succeeded(String invocationId, String loopId, String publisherLoopId, long charged) {
        projection.on(
                new InvocationSucceededEvent(
                        invocationId,
                        loopId,
                        publisherLoopId,
                        invocationId,
                        charged,
                        null,
                        List.of(),
                        T0.plusSeconds(2)),
                2);
    }

    public void held(String accountId, String holdId, long amount) {
        projection.on(new CreditsHeldEvent(accountId, holdId, amount, holdId, T0.plusSeconds(3600), 0, T0));
    }

    private static InvocationRequestedEvent requested(
            String invocationId,
            String loopId,
            String publisherLoopId,
            String toolName,
            ExecutionMode mode,
            JsonNode input) {
        PolicyEvaluation policy = new PolicyEvaluation(
                PolicyDecision.ALLOW, List.of(new PolicyReason("RISK_OK", "medium risk is allowed")), 4, 65);
        return new InvocationRequestedEvent(
                invocationId,
                loopId,
                "key_01JE9Z4R8QZ4V2M1T6C3N5B7XD",
                "tool_01JE9Z4R8QZ4V2M1T6C3N5B7XE",
                toolName,
                "1.0.0",
                publisherLoopId,
                mode,
                RiskLevel.MEDIUM,
                List.of("receipt"),
                input,
                null,
                policy,
                40,
                T0.plusSeconds(3600),
                T0);
    }
}
