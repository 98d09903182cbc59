package io.openloop.ledger.projection.analytics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.openloop.ledger.messages.invocation.InvocationApprovalRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationApprovedEvent;
import io.openloop.ledger.messages.invocation.InvocationBlockedEvent;
import io.openloop.ledger.messages.invocation.InvocationDeniedEvent;
import io.openloop.ledger.messages.invocation.InvocationExpiredEvent;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationQueuedEvent;
import io.openloop.ledger.messages.invocation.InvocationRejectedEvent;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationSimulatedEvent;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.tool.ToolVersionPublishedEvent;
import io.openloop.ledger.projection.VersionedDocuments;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds {@value AnalyticsReadModels#INVOCATIONS}, the flat invocation documents the analytics pipelines group and
 * count, and {@value AnalyticsReadModels#TOOL_VERSIONS}, from which an invocation takes its domain.
 *
 * <p>The domain of an invocation is read from a tool version published earlier in the trail, so the processing group
 * runs as one segment, which applies events in the order of the trail. Idempotent and rebuildable by replay:
 * invocation events apply by sequence number, and tool versions are inserted once.
 */
@Component
@ProcessingGroup(InvocationAnalyticsProjection.PROCESSING_GROUP)
class InvocationAnalyticsProjection {

    static final String PROCESSING_GROUP = "invocation-analytics";

    private static final Logger log = LoggerFactory.getLogger(InvocationAnalyticsProjection.class);

    private final MongoCollection<Document> invocations;
    private final MongoCollection<Document> toolVersions;
    private final VersionedDocuments invocationWrites;
    private final VersionedDocuments toolVersionWrites;

    InvocationAnalyticsProjection(MongoDatabase database) {
        this.invocations = database.getCollection(AnalyticsReadModels.INVOCATIONS);
        this.toolVersions = database.getCollection(AnalyticsReadModels.TOOL_VERSIONS);
        this.invocationWrites = new VersionedDocuments(invocations, "sequence");
        this.toolVersionWrites = new VersionedDocuments(toolVersions, "sequence");
        invocations.createIndexes(indexes());
    }

    /**
     * Returns the indexes: the unique one on exactly {@code {_id, sequence}} serves the compare-and-set writes, and
     * the others the pipelines' {@code $match} on a period, with or without a set of loops, on MongoDB. The
     * in-process store ignores indexes that are not unique and scans the collection.
     */
    static List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("_id", "sequence"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("loopId", "requestedAt")),
                new IndexModel(Indexes.ascending("requestedAt")));
    }

    @EventHandler
    void on(ToolVersionPublishedEvent event, @SequenceNumber long sequence) {
        String version = event.manifest().version();
        toolVersionWrites.insert(new Document("_id", AnalyticsReadModels.toolVersionId(event.toolId(), version))
                .append("toolId", event.toolId())
                .append("version", version)
                .append("category", event.manifest().category())
                .append("sequence", sequence));
    }

    @EventHandler
    void on(InvocationRequestedEvent event, @SequenceNumber long sequence) {
        invocationWrites.insert(new Document("_id", event.invocationId())
                .append("sequence", sequence)
                .append("loopId", event.loopId())
                .append("publisherLoopId", event.publisherLoopId())
                .append("toolId", event.toolId())
                .append("toolName", event.toolName())
                .append("version", event.version())
                .append("domain", domain(event.toolId(), event.version()))
                .append("executionMode", event.executionMode().wireName())
                .append("status", InvocationStatus.REQUESTED.name())
                .append("requestedAt", Date.from(event.requestedAt()))
                .append("day", AnalyticsReadModels.day(event.requestedAt()))
                .append("approvalRequested", false)
                .append("approved", false)
                .append("credits", 0L)
                .append("durationMs", null));
    }

    @EventHandler
    void on(InvocationDeniedEvent event, @SequenceNumber long sequence) {
        setStatus(event.invocationId(), sequence, InvocationStatus.DENIED);
    }

    @EventHandler
    void on(InvocationBlockedEvent event, @SequenceNumber long sequence) {
        setStatus(event.invocationId(), sequence, InvocationStatus.BLOCKED);
    }

    @EventHandler
    void on(InvocationApprovalRequestedEvent event, @SequenceNumber long sequence) {
        invocationWrites.update(
                event.invocationId(),
                sequence,
                stored -> status(InvocationStatus.AWAITING_APPROVAL).append("approvalRequested", true));
    }

    @EventHandler
    void on(InvocationQueuedEvent event, @SequenceNumber long sequence) {
        setStatus(event.invocationId(), sequence, InvocationStatus.PENDING);
    }

    @EventHandler
    void on(InvocationApprovedEvent event, @SequenceNumber long sequence) {
        invocationWrites.update(
                event.invocationId(),
                sequence,
                stored -> status(InvocationStatus.PENDING).append("approved", true));
    }

    @EventHandler
    void on(InvocationRejectedEvent event, @SequenceNumber long sequence) {
        setStatus(event.invocationId(), sequence, InvocationStatus.REJECTED);
    }

    @EventHandler
    void on(InvocationSucceededEvent event, @SequenceNumber long sequence) {
        setResult(event.invocationId(), sequence, InvocationStatus.SUCCEEDED, event.completedAt(), event.charged());
    }

    @EventHandler
    void on(InvocationFailedEvent event, @SequenceNumber long sequence) {
        setResult(event.invocationId(), sequence, InvocationStatus.FAILED, event.failedAt(), 0);
    }

    @EventHandler
    void on(InvocationSimulatedEvent event, @SequenceNumber long sequence) {
        setResult(event.invocationId(), sequence, InvocationStatus.SIMULATED, event.completedAt(), 0);
    }

    @EventHandler
    void on(InvocationExpiredEvent event, @SequenceNumber long sequence) {
        setStatus(event.invocationId(), sequence, InvocationStatus.EXPIRED);
    }

    @ResetHandler
    void reset() {
        log.info(
                "Resetting the {} and {} read models before replay",
                AnalyticsReadModels.INVOCATIONS,
                AnalyticsReadModels.TOOL_VERSIONS);
        invocations.deleteMany(new Document());
        toolVersions.deleteMany(new Document());
    }

    private String domain(String toolId, String version) {
        Document toolVersion = toolVersions
                .find(Filters.eq("_id", AnalyticsReadModels.toolVersionId(toolId, version)))
                .first();
        if (toolVersion == null) {
            log.warn(
                    "Tool {} version {} was not published before its invocation; its domain is unknown",
                    toolId,
                    version);
            return null;
        }
        return toolVersion.getString("category");
    }

    private void setStatus(String invocationId, long sequence, InvocationStatus status) {
        invocationWrites.update(invocationId, sequence, stored -> status(status));
    }

    private static Document status(InvocationStatus status) {
        return new Document("status", status.name());
    }

    /** Records an end with a provider's result: its state, the time from request to result and the credits charged. */
    private void setResult(String invocationId, long sequence, InvocationStatus status, Instant at, long credits) {
        invocationWrites.update(invocationId, sequence, stored -> {
            long durationMs = at.toEpochMilli() - stored.getDate("requestedAt").getTime();
            return status(status).append("durationMs", durationMs).append("credits", credits);
        });
    }
}
