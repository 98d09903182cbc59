package io.openloop.ledger.projection.loop;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.BusinessIdentity;
import io.openloop.ledger.messages.loop.BusinessIdentitySubmittedEvent;
import io.openloop.ledger.messages.loop.BusinessVerificationRejectedEvent;
import io.openloop.ledger.messages.loop.BusinessVerifiedEvent;
import io.openloop.ledger.messages.loop.ChildLoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopPermissionsChangedEvent;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopReinstatedEvent;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.LoopSuspendedEvent;
import io.openloop.ledger.messages.loop.VerificationStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the {@code loops} read model: one document per loop, keyed by loop id, with the fields of a loop view and the
 * business identity last submitted.
 *
 * <p>Each document records in {@code version} the sequence number of the last event applied to it, and an event at
 * or below that version is skipped. That makes the projection idempotent, so an event delivered again after a crash
 * between the write and the token update changes nothing, and a replay over existing documents leaves them as they
 * are. Key events do not change a loop's document, so they do not move its version.
 */
@Component
@ProcessingGroup(LoopProjection.PROCESSING_GROUP)
class LoopProjection {

    static final String PROCESSING_GROUP = "loops";
    static final String COLLECTION = LoopReadModels.LOOPS;

    private static final Logger log = LoggerFactory.getLogger(LoopProjection.class);

    private final MongoCollection<Document> loops;
    private final VersionedUpdates updates;

    LoopProjection(MongoDatabase database) {
        this.loops = database.getCollection(COLLECTION);
        this.updates = new VersionedUpdates(loops);
        loops.createIndexes(indexes());
    }

    /** Profiles are looked up by unique handle; versioned writes filter on exactly {@code _id} and {@code version}. */
    static List<IndexModel> indexes() {
        return List.of(
                new IndexModel(Indexes.ascending("handle"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("_id", "version"), new IndexOptions().unique(true)));
    }

    @EventHandler
    void on(LoopRegisteredEvent event, @SequenceNumber long sequence) {
        // Loops registered before permissions were recorded had every permission and skill, in guided mode.
        Set<Scope> permissions = event.permissions() == null ? Scope.all() : event.permissions();
        Collection<String> skills = event.skills() == null ? List.of("*") : event.skills();
        ExecutionMode mode = event.executionMode() == null ? ExecutionMode.GUIDED : event.executionMode();
        VerificationStatus verification =
                event.kind() == LoopKind.BUSINESS ? VerificationStatus.UNSUBMITTED : VerificationStatus.NOT_APPLICABLE;

        Document loop = new Document("_id", event.loopId())
                .append("handle", event.handle().value())
                .append("displayName", event.displayName())
                .append("kind", event.kind().wireName())
                .append("plan", event.plan().wireName())
                .append("status", LoopStatus.ACTIVE.wireName())
                .append("parentLoopId", null)
                .append("ancestors", List.of())
                .append("permissions", scopeNames(permissions))
                .append("skills", sorted(skills))
                .append("executionMode", mode.wireName())
                .append("verification", verification.wireName())
                .append("createdAt", Date.from(event.registeredAt()))
                .append("updatedAt", Date.from(event.registeredAt()))
                .append("version", sequence);
        insert(loop, sequence);
    }

    @EventHandler
    void on(ChildLoopRegisteredEvent event, @SequenceNumber long sequence) {
        Document loop = new Document("_id", event.loopId())
                .append("handle", event.handle().value())
                .append("displayName", event.displayName())
                .append("kind", LoopKind.AGENT.wireName())
                .append("plan", event.plan().wireName())
                .append("status", LoopStatus.ACTIVE.wireName())
                .append("parentLoopId", event.parentLoopId())
                .append("ancestors", event.ancestors())
                .append("permissions", scopeNames(event.permissions()))
                .append("skills", sorted(event.skills()))
                .append("executionMode", event.executionMode().wireName())
                .append("verification", VerificationStatus.NOT_APPLICABLE.wireName())
                .append("createdAt", Date.from(event.registeredAt()))
                .append("updatedAt", Date.from(event.registeredAt()))
                .append("version", sequence);
        insert(loop, sequence);
    }

    @EventHandler
    void on(LoopPermissionsChangedEvent event, @SequenceNumber long sequence) {
        updates.apply(
                event.loopId(),
                sequence,
                changed(event.changedAt())
                        .append("permissions", scopeNames(event.permissions()))
                        .append("skills", sorted(event.skills())));
    }

    @EventHandler
    void on(LoopSuspendedEvent event, @SequenceNumber long sequence) {
        updates.apply(
                event.loopId(),
                sequence,
                changed(event.suspendedAt())
                        .append("status", LoopStatus.SUSPENDED.wireName())
                        .append("suspensionReason", event.reason()));
    }

    @EventHandler
    void on(LoopReinstatedEvent event, @SequenceNumber long sequence) {
        updates.apply(
                event.loopId(),
                sequence,
                changed(event.reinstatedAt())
                        .append("status", LoopStatus.ACTIVE.wireName())
                        .append("suspensionReason", null));
    }

    @EventHandler
    void on(BusinessIdentitySubmittedEvent event, @SequenceNumber long sequence) {
        BusinessIdentity identity = event.identity();
        Document business = new Document("legalName", identity.legalName())
                .append("website", identity.website())
                .append("contactEmail", identity.contactEmail())
                .append("serviceArea", identity.serviceArea())
                .append("submittedAt", Date.from(event.submittedAt()));
        updates.apply(
                event.loopId(),
                sequence,
                changed(event.submittedAt())
                        .append("verification", VerificationStatus.PENDING.wireName())
                        .append("business", business)
                        .append("verificationNote", null));
    }

    @EventHandler
    void on(BusinessVerifiedEvent event, @SequenceNumber long sequence) {
        updates.apply(
                event.loopId(),
                sequence,
                changed(event.verifiedAt())
                        .append("verification", VerificationStatus.VERIFIED.wireName())
                        .append("verificationNote", event.note()));
    }

    @EventHandler
    void on(BusinessVerificationRejectedEvent event, @SequenceNumber long sequence) {
        updates.apply(
                event.loopId(),
                sequence,
                changed(event.rejectedAt())
                        .append("verification", VerificationStatus.REJECTED.wireName())
                        .append("verificationNote", event.reason()));
    }

    @ResetHandler
    void reset() {
        log.info("Resetting the {} read model before replay", COLLECTION);
        loops.deleteMany(new Document());
    }

    private void insert(Document loop, long sequence) {
        try {
            loops.insertOne(loop);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            log.debug("Loop {} is already in the read model; skipped event at sequence {}", loop.get("_id"), sequence);
        }
    }

    private static Document changed(Instant at) {
        return new Document("updatedAt", Date.from(at));
    }

    private static List<String> scopeNames(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wireName).toList();
    }

    private static List<String> sorted(Collection<String> values) {
        return values.stream().sorted().toList();
    }
}
