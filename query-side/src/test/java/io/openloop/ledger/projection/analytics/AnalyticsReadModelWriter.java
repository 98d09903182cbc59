package io.openloop.ledger.projection.analytics;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.invocation.InvocationApprovalRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationApprovedEvent;
import io.openloop.ledger.messages.invocation.InvocationBlockedEvent;
import io.openloop.ledger.messages.invocation.InvocationDeniedEvent;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationQueuedEvent;
import io.openloop.ledger.messages.invocation.InvocationRejectedEvent;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationSimulatedEvent;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.tool.ToolManifest;
import io.openloop.ledger.messages.tool.ToolVersionPublishedEvent;
import io.openloop.ledger.messages.tool.ToolVisibility;
import java.time.Instant;
import java.util.List;

/**
 * Writes the analytics read models through the real projection, so the pipelines read documents exactly as the
 * projection stores them. Lives in the projection's package to reach its package-private handlers.
 */
public final class AnalyticsReadModelWriter {

    /** A tool's id, name and version as the tests publish and invoke it. */
    public record Tool(String toolId, String toolName, String publisherLoopId) {}

    private static final String VERSION = "1.0.0";
    private static final String KEY = "key_01JE9Z4R8QZ4V2M1T6C3N5B7XD";

    private final InvocationAnalyticsProjection projection;

    public AnalyticsReadModelWriter(MongoDatabase database) {
        this.projection = new InvocationAnalyticsProjection(database);
    }

    /** Publishes version 1.0.0 of {@code tool} with {@code category}. */
    public void published(Tool tool, String category, Instant at) {
        ToolManifest manifest = new ToolManifest(
                tool.toolName().substring(tool.toolName().indexOf('/') + 1),
                "A tool for tests.",
                category,
                RiskLevel.LOW,
                false,
                List.of(),
                null,
                null,
                "custom_connector",
                ToolVisibility.MARKETPLACE,
                VERSION,
                10);
        projection.on(
                new ToolVersionPublishedEvent(tool.toolId(), tool.publisherLoopId(), tool.toolName(), manifest, at), 0);
    }

    /** Records an invocation that the provider reported as succeeded after {@code durationMs}. */
    public void succeeded(String invocationId, String loopId, Tool tool, Instant at, long durationMs, long charged) {
        requested(invocationId, loopId, tool, ExecutionMode.AUTOPILOT, at);
        queued(invocationId, loopId, tool, at);
        reportSuccess(invocationId, loopId, tool, at.plusMillis(durationMs), charged, 2);
    }

    /** Records an invocation that the provider reported as failed after {@code durationMs}. */
    public void failed(String invocationId, String loopId, Tool tool, Instant at, long durationMs) {
        requested(invocationId, loopId, tool, ExecutionMode.AUTOPILOT, at);
        queued(invocationId, loopId, tool, at);
        projection.on(
                new InvocationFailedEvent(
                        invocationId,
                        loopId,
                        tool.publisherLoopId(),
                        invocationId,
                        "upstream failed",
                        at.plusMillis(durationMs)),
                2);
    }

    /** Records a sandbox invocation simulated after {@code durationMs}. */
    public void simulated(String invocationId, String loopId, Tool tool, Instant at, long durationMs) {
        requested(invocationId, loopId, tool, ExecutionMode.SANDBOX, at);
        queued(invocationId, loopId, tool, at);
        projection.on(
                new InvocationSimulatedEvent(
                        invocationId,
                        loopId,
                        tool.publisherLoopId(),
                        true,
                        null,
                        null,
                        List.of(),
                        at.plusMillis(durationMs)),
                2);
    }

    public void denied(String invocationId, String loopId, Tool tool, Instant at) {
        requested(invocationId, loopId, tool, ExecutionMode.AUTOPILOT, at);
        projection.on(new InvocationDeniedEvent(invocationId, loopId, List.of(), 1, at), 1);
    }

    public void blocked(String invocationId, String loopId, Tool tool, Instant at) {
        requested(invocationId, loopId, tool, ExecutionMode.AUTOPILOT, at);
        projection.on(new InvocationBlockedEvent(invocationId, loopId, 40, 3, at), 1);
    }

    /** Records a guided invocation that waits for approval. */
    public void awaitingApproval(String invocationId, String loopId, Tool tool, Instant at) {
        requested(invocationId, loopId, tool, ExecutionMode.GUIDED, at);
        projection.on(new InvocationApprovalRequestedEvent(invocationId, loopId, invocationId, List.of(), at), 1);
    }

    /** Records a guided invocation that an owner approved and the provider then reported as succeeded. */
    public void approvedAndSucceeded(
            String invocationId, String loopId, Tool tool, Instant at, long durationMs, long charged) {
        awaitingApproval(invocationId, loopId, tool, at);
        projection.on(
                new InvocationApprovedEvent(
                        invocationId, loopId, tool.publisherLoopId(), loopId, KEY, at.plusMillis(1)),
                2);
        reportSuccess(invocationId, loopId, tool, at.plusMillis(durationMs), charged, 3);
    }

    /** Records a guided invocation that an owner rejected. */
    public void rejected(String invocationId, String loopId, Tool tool, Instant at) {
        awaitingApproval(invocationId, loopId, tool, at);
        projection.on(
                new InvocationRejectedEvent(
                        invocationId, loopId, invocationId, loopId, KEY, "not now", at.plusMillis(1)),
                2);
    }

    private void requested(String invocationId, String loopId, Tool tool, ExecutionMode mode, Instant at) {
        projection.on(
                new InvocationRequestedEvent(
                        invocationId,
                        loopId,
                        KEY,
                        tool.toolId(),
                        tool.toolName(),
                        VERSION,
                        tool.publisherLoopId(),
                        mode,
                        RiskLevel.LOW,
                        List.of(),
                        null,
                        null,
                        new PolicyEvaluation(PolicyDecision.ALLOW, List.of(), 1, 50),
                        10,
                        at.plusSeconds(3600),
                        at),
                0);
    }

    private void reportSuccess(
            String invocationId, String loopId, Tool tool, Instant completedAt, long charged, long sequence) {
        InvocationSucceededEvent event = new InvocationSucceededEvent(
                invocationId, loopId, tool.publisherLoopId(), invocationId, charged, null, List.of(), completedAt);
        projection.on(event, sequence);
    }

    private void queued(String invocationId, String loopId, Tool tool, Instant at) {
        projection.on(new InvocationQueuedEvent(invocationId, loopId, tool.publisherLoopId(), invocationId, at), 1);
    }
}
