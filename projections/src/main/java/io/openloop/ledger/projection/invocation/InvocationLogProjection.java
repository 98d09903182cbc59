package io.openloop.ledger.projection.invocation;

import static io.openloop.ledger.projection.invocation.InvocationLogFields.completed;
import static io.openloop.ledger.projection.invocation.InvocationLogFields.date;
import static io.openloop.ledger.projection.invocation.InvocationLogFields.json;
import static io.openloop.ledger.projection.invocation.InvocationLogFields.policy;
import static io.openloop.ledger.projection.invocation.InvocationLogFields.riskLevel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.credit.CreditsHeldEvent;
import io.openloop.ledger.messages.credit.HoldCapturedEvent;
import io.openloop.ledger.messages.credit.HoldReleasedEvent;
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
 * Builds the invocation log, {@value InvocationReadModels#INVOCATIONS}: one document per invocation with its request,
 * policy decision, approval, result and credit movements.
 *
 * <p>Idempotent and rebuildable by replay: invocation events apply by sequence number, and credit events set absolute
 * amounts. A hold's id is its invocation's id, so the credit events of holds with an invocation id fill in {@code
 * held}, {@code captured} and {@code released}; holds of tasks are ignored.
 */
@Component
@ProcessingGroup(InvocationLogProjection.PROCESSING_GROUP)
class InvocationLogProjection {

    static final String PROCESSING_GROUP = "invocation-log";

    private static final Logger log = LoggerFactory.getLogger(InvocationLogProjection.class);

    private final MongoCollection<Document> invocations;
    private final OpenInvocations open;
    private final InvocationLogWrites writes;

    InvocationLogProjection(MongoDatabase database) {
        this.invocations = database.getCollection(InvocationReadModels.INVOCATIONS);
        this.open = new OpenInvocations(database.getCollection(InvocationReadModels.OPEN_INVOCATIONS), invocations);
        this.writes = new InvocationLogWrites(invocations);
        invocations.createIndexes(indexes());
    }

    /**
     * Returns the indexes: the unique one on exactly {@code {_id, sequence}} serves the compare-and-set filter, and
     * the others serve the listings on MongoDB. The in-process store ignores indexes that are not unique.
     */
    static List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("_id", "sequence"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("loopId", "_id")),
                new IndexModel(Indexes.ascending("loopId", "status", "_id")),
                new IndexModel(Indexes.ascending("publisherLoopId", "status", "_id")));
    }

    @EventHandler
    void on(InvocationRequestedEvent event, @SequenceNumber long sequence) {
        Document fields = new Document("loopId", event.loopId())
                .append("keyId", event.keyId())
                .append("toolId", event.toolId())
                .append("toolName", event.toolName())
                .append("version", event.version())
                .append("publisherLoopId", event.publisherLoopId())
                .append("executionMode", event.executionMode().wireName())
                .append("riskLevel", riskLevel(event.riskLevel()))
                .append("status", InvocationStatus.REQUESTED.name())
                .append("policy", policy(event.policy()))
                .append("estimate", event.estimate())
                .append("charged", null)
                .append("shortfall", null)
                .append("input", json(event.input()))
                .append("expectedProofs", event.expectedProofs())
                .append("output", null)
                .append("error", null)
                .append("proofIds", List.of())
                .append("taskId", event.taskId())
                .append("decidedByLoopId", null)
                .append("decidedByKeyId", null)
                .append("rejectionReason", null)
                .append("requestedAt", date(event.requestedAt()))
                .append("expiresAt", date(event.expiresAt()))
                .append("decidedAt", null)
                .append("completedAt", null)
                .append("durationMs", null);
        writes.create(event.invocationId(), sequence, fields);
        open.sync(event.invocationId());
    }

    @EventHandler
    void on(InvocationDeniedEvent event, @SequenceNumber long sequence) {
        writes.update(
                event.invocationId(),
                sequence,
                stored -> completed(stored, InvocationStatus.DENIED, event.deniedAt())
                        .append("decidedAt", date(event.deniedAt())));
        open.sync(event.invocationId());
    }

    @EventHandler
    void on(InvocationBlockedEvent event, @SequenceNumber long sequence) {
        Document shortfall = new Document("required", event.required()).append("available", event.available());
        writes.update(
                event.invocationId(),
                sequence,
                stored -> completed(stored, InvocationStatus.BLOCKED, event.blockedAt())
                        .append("decidedAt", date(event.blockedAt()))
                        .append("shortfall", shortfall));
        open.sync(event.invocationId());
    }

    @EventHandler
    void on(InvocationApprovalRequestedEvent event, @SequenceNumber long sequence) {
        writes.update(
                event.invocationId(),
                sequence,
                stored -> new Document("status", InvocationStatus.AWAITING_APPROVAL.name()));
        open.sync(event.invocationId());
    }

    @EventHandler
    void on(InvocationQueuedEvent event, @SequenceNumber long sequence) {
        writes.update(
                event.invocationId(),
                sequence,
                stored -> new Document("status", InvocationStatus.PENDING.name())
                        .append("decidedAt", date(event.queuedAt())));
        open.sync(event.invocationId());
    }

    @EventHandler
    void on(InvocationApprovedEvent event, @SequenceNumber long sequence) {
        writes.update(
                event.invocationId(),
                sequence,
                stored -> new Document("status", InvocationStatus.PENDING.name())
                        .append("decidedAt", date(event.approvedAt()))
                        .append("decidedByLoopId", event.approvedByLoopId())
                        .append("decidedByKeyId", event.approvedByKeyId()));
        open.sync(event.invocationId());
    }

    @EventHandler
    void on(InvocationRejectedEvent event, @SequenceNumber long sequence) {
        writes.update(
                event.invocationId(),
                sequence,
                stored -> completed(stored, InvocationStatus.REJECTED, event.rejectedAt())
                        .append("decidedAt", date(event.rejectedAt()))
                        .append("decidedByLoopId", event.rejectedByLoopId())
                        .append("decidedByKeyId", event.rejectedByKeyId())
                        .append("rejectionReason", event.reason()));
        open.sync(event.invocationId());
    }

    @EventHandler
    void on(InvocationSucceededEvent event, @SequenceNumber long sequence) {
        writes.update(
                event.invocationId(),
                sequence,
                stored -> completed(stored, InvocationStatus.SUCCEEDED, event.completedAt())
                        .append("charged", event.charged())
                        .append("output", json(event.output()))
                        .append("proofIds", event.proofIds()));
        open.sync(event.invocationId());
    }

    @EventHandler
    void on(InvocationFailedEvent event, @SequenceNumber long sequence) {
        writes.update(
                event.invocationId(),
                sequence,
                stored -> completed(stored, InvocationStatus.FAILED, event.failedAt())
                        .append("error", event.error()));
        open.sync(event.invocationId());
    }

    @EventHandler
    void on(InvocationSimulatedEvent event, @SequenceNumber long sequence) {
        writes.update(
                event.invocationId(),
                sequence,
                stored -> completed(stored, InvocationStatus.SIMULATED, event.completedAt())
                        .append("output", json(event.output()))
                        .append("error", event.error())
                        .append("proofIds", event.proofIds()));
        open.sync(event.invocationId());
    }

    @EventHandler
    void on(InvocationExpiredEvent event, @SequenceNumber long sequence) {
        writes.update(
                event.invocationId(),
                sequence,
                stored -> completed(stored, InvocationStatus.EXPIRED, event.expiredAt()));
        open.sync(event.invocationId());
    }

    @EventHandler
    void on(CreditsHeldEvent event) {
        if (isInvocationHold(event.holdId())) {
            writes.applyCreditFields(event.holdId(), new Document("held", event.amount()));
        }
    }

    @EventHandler
    void on(HoldCapturedEvent event) {
        if (isInvocationHold(event.holdId())) {
            writes.applyCreditFields(
                    event.holdId(), new Document("captured", event.captured()).append("released", event.released()));
        }
    }

    @EventHandler
    void on(HoldReleasedEvent event) {
        if (isInvocationHold(event.holdId())) {
            writes.applyCreditFields(event.holdId(), new Document("released", event.amount()));
        }
    }

    @ResetHandler
    void reset() {
        log.info("Resetting the {} read model before replay", InvocationReadModels.INVOCATIONS);
        invocations.deleteMany(new Document());
        open.clear();
    }

    private static boolean isInvocationHold(String holdId) {
        return holdId != null && holdId.startsWith(Ids.INVOCATION);
    }
}
