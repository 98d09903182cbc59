package io.openloop.ledger.projection.trust;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.invocation.InvocationDeniedEvent;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.ProofVerificationRaisedEvent;
import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.DisputeResolvedEvent;
import io.openloop.ledger.messages.task.TaskExpiredEvent;
import io.openloop.ledger.messages.task.TaskFailedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import io.openloop.ledger.messages.task.TaskState;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds {@value TrustReadModels#TRUST_SCORES}: each loop's outcomes from task, invocation and proof events, and the
 * trust score {@link TrustModel} computes from them.
 *
 * <p>Idempotent and rebuildable by replay: a loop has at most one outcome of a kind per subject, so an event
 * delivered again finds its outcome there and writes nothing. The outcomes, and with them the score, do not depend on
 * the order of events from different aggregates. The history does, so the processing group runs as one segment, which
 * applies events in the order of the trail.
 */
@Component
@ProcessingGroup(TrustScoreProjection.PROCESSING_GROUP)
class TrustScoreProjection {

    static final String PROCESSING_GROUP = "trust-scores";

    private static final Logger log = LoggerFactory.getLogger(TrustScoreProjection.class);

    private final TrustScoreWrites writes;

    TrustScoreProjection(MongoDatabase database) {
        this.writes = new TrustScoreWrites(database.getCollection(TrustReadModels.TRUST_SCORES));
    }

    /** Counts a settled task for the requester and, as V5 because settlement raises its proofs to V5, the business. */
    @EventHandler
    void on(TaskSettledEvent event) {
        writes.update(event.businessLoopId(), trust -> trust.addSettledTask(event.taskId(), event.settledAt()));
        writes.update(
                event.requesterLoopId(),
                trust -> trust.add(LoopTrust.PAID_TASK, event.taskId(), LoopTrust.PAID_TASK, 1.0, event.settledAt()));
    }

    @EventHandler
    void on(TaskFailedEvent event) {
        writes.update(
                event.businessLoopId(),
                trust -> trust.add(
                        LoopTrust.FAILED_TASK, event.taskId(), LoopTrust.FAILED_TASK, -1.0, event.failedAt()));
    }

    /** Replaces the business's success on a refunded task with -2.0. A dismissed dispute changes nothing. */
    @EventHandler
    void on(DisputeResolvedEvent event) {
        if (event.resolution() == DisputeResolution.REFUNDED) {
            writes.update(event.businessLoopId(), trust -> trust.refund(event.taskId(), event.resolvedAt()));
        }
    }

    /** Counts an expired offer against the requester, and a missed contract deadline against the business. */
    @EventHandler
    void on(TaskExpiredEvent event) {
        if (event.previousState() == TaskState.OFFERED) {
            writes.update(
                    event.requesterLoopId(),
                    trust -> trust.add(
                            LoopTrust.EXPIRED_OFFER, event.taskId(), LoopTrust.EXPIRED_OFFER, -0.5, event.expiredAt()));
        } else if (event.previousState() != null && event.previousState().isUnderContract()) {
            writes.update(
                    event.businessLoopId(),
                    trust -> trust.add(
                            LoopTrust.MISSED_DEADLINE,
                            event.taskId(),
                            LoopTrust.MISSED_DEADLINE,
                            -1.0,
                            event.expiredAt()));
        }
    }

    @EventHandler
    void on(InvocationSucceededEvent event) {
        if (event.loopId().equals(event.publisherLoopId())) {
            // A loop that runs its own tool has no counterparty, so the run is no evidence others can trust it.
            return;
        }
        writes.update(
                event.publisherLoopId(),
                trust -> trust.addSucceededInvocation(event.invocationId(), event.completedAt()));
    }

    @EventHandler
    void on(InvocationFailedEvent event) {
        if (event.loopId().equals(event.publisherLoopId())) {
            return;
        }
        writes.update(
                event.publisherLoopId(),
                trust -> trust.add(
                        LoopTrust.FAILED_INVOCATION,
                        event.invocationId(),
                        LoopTrust.FAILED_INVOCATION,
                        -1.0,
                        event.failedAt()));
    }

    @EventHandler
    void on(InvocationDeniedEvent event) {
        writes.update(
                event.loopId(),
                trust -> trust.add(
                        LoopTrust.POLICY_DENIAL,
                        event.invocationId(),
                        LoopTrust.POLICY_DENIAL,
                        -0.5,
                        event.deniedAt()));
    }

    /**
     * Records an invocation proof's starting level on its submitter, the tool's publisher. Task proofs are left out:
     * a settled task counts as V5 whatever its proofs reached.
     */
    @EventHandler
    void on(ProofAttachedEvent event) {
        if (event.subjectType() == ProofSubjectType.INVOCATION) {
            writes.update(
                    event.submittedByLoopId(),
                    trust -> trust.raiseLevel(event.subjectId(), event.level(), event.attachedAt()));
        }
    }

    @EventHandler
    void on(ProofVerificationRaisedEvent event) {
        if (event.subjectType() == ProofSubjectType.INVOCATION) {
            writes.update(
                    event.submittedByLoopId(),
                    trust -> trust.raiseLevel(event.subjectId(), event.level(), event.verifiedAt()));
        }
    }

    @ResetHandler
    void reset() {
        log.info("Resetting the {} read model before replay", TrustReadModels.TRUST_SCORES);
        writes.clear();
    }
}
