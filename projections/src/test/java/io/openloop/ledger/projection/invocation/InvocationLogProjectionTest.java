package io.openloop.ledger.projection.invocation;

import static io.openloop.ledger.projection.invocation.InvocationEvents.INPUT;
import static io.openloop.ledger.projection.invocation.InvocationEvents.LOOP;
import static io.openloop.ledger.projection.invocation.InvocationEvents.OUTPUT;
import static io.openloop.ledger.projection.invocation.InvocationEvents.OWNER;
import static io.openloop.ledger.projection.invocation.InvocationEvents.PUBLISHER;
import static io.openloop.ledger.projection.invocation.InvocationEvents.T0;
import static io.openloop.ledger.projection.invocation.InvocationEvents.approvalRequested;
import static io.openloop.ledger.projection.invocation.InvocationEvents.approved;
import static io.openloop.ledger.projection.invocation.InvocationEvents.captured;
import static io.openloop.ledger.projection.invocation.InvocationEvents.held;
import static io.openloop.ledger.projection.invocation.InvocationEvents.queued;
import static io.openloop.ledger.projection.invocation.InvocationEvents.released;
import static io.openloop.ledger.projection.invocation.InvocationEvents.requested;
import static io.openloop.ledger.projection.invocation.InvocationEvents.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.invocation.InvocationBlockedEvent;
import io.openloop.ledger.messages.invocation.InvocationDeniedEvent;
import io.openloop.ledger.messages.invocation.InvocationExpiredEvent;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationRejectedEvent;
import io.openloop.ledger.messages.invocation.InvocationSimulatedEvent;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.projection.MemoryMongo;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The invocation log, built by calling the projection as a plain object against the in-process store. */
class InvocationLogProjectionTest {

    private static final String INV = "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XK";

    private static MemoryMongo mongo;
    private static int databases;

    private InvocationLogProjection projection;
    private MongoCollection<Document> invocations;

    @BeforeAll
    static void startMongo() {
        mongo = new MemoryMongo();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        projection = new InvocationLogProjection(mongo.database("invocations_" + ++databases));
        invocations = mongo.database("invocations_" + databases).getCollection(InvocationReadModels.INVOCATIONS);
    }

    private Document stored(String invocationId) {
        return invocations.find(Filters.eq("_id", invocationId)).first();
    }

    @Test
    void queuedInvocationDocument() {
        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
        projection.on(queued(INV, LOOP), 1);

        Document doc = stored(INV);
        assertThat(doc.getString("status")).isEqualTo("PENDING");
        assertThat(doc.getString("loopId")).isEqualTo(LOOP);
        assertThat(doc.getString("publisherLoopId")).isEqualTo(PUBLISHER);
        assertThat(doc.getString("toolName")).isEqualTo("@acme/quote");
        assertThat(doc.getString("version")).isEqualTo("1.0.0");
        assertThat(doc.getString("executionMode")).isEqualTo("autopilot");
        assertThat(doc.getString("riskLevel")).isEqualTo("medium");
        assertThat(doc.getLong("estimate")).isEqualTo(40L);
        assertThat(doc.getString("input")).isEqualTo(INPUT.toString());
        assertThat(doc.getList("expectedProofs", String.class)).containsExactly("receipt");
        assertThat(doc.getDate("requestedAt")).isEqualTo(Date.from(T0));
        assertThat(doc.getDate("decidedAt")).isEqualTo(Date.from(T0));
        assertThat(doc.getDate("completedAt")).isNull();
        assertThat(doc.getLong("sequence")).isEqualTo(1L);
    }

    @Test
    void openInvocationsFollowTheLog() {
        MongoCollection<Document> open =
                mongo.database("invocations_" + databases).getCollection(InvocationReadModels.OPEN_INVOCATIONS);

        projection.on(requested(INV, LOOP, PolicyDecision.REQUIRE_APPROVAL), 0);
        projection.on(approvalRequested(INV, LOOP), 1);
        assertThat(open.find(Filters.eq("_id", INV)).first().getString("status"))
                .isEqualTo("AWAITING_APPROVAL");

        projection.on(approved(INV, LOOP), 2);
        Document pending = open.find(Filters.eq("_id", INV)).first();
        assertThat(pending.getString("status")).isEqualTo("PENDING");
        assertThat(pending.getString("publisherLoopId")).isEqualTo(PUBLISHER);

        projection.on(succeeded(INV, LOOP, 10), 3);
        assertThat(open.countDocuments()).isZero();

        // An older event delivered again must not reopen a finished invocation.
        projection.on(approved(INV, LOOP), 2);
        assertThat(open.countDocuments()).isZero();
    }

    @Test
    void policyIsStoredWithReasons() {
        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);

        Document policy = stored(INV).get("policy", Document.class);
        assertThat(policy.getString("decision")).isEqualTo("ALLOW");
        assertThat(policy.getLong("policyVersion")).isEqualTo(2L);
        assertThat(policy.getInteger("trustScore")).isEqualTo(70);
        assertThat(policy.getList("reasons", Document.class))
                .containsExactly(new Document("code", "RISK_OK").append("message", "medium risk is allowed"));
    }

    @Test
    void deniedInvocationEndsAtRequest() {
        projection.on(requested(INV, LOOP, PolicyDecision.DENY), 0);
        projection.on(new InvocationDeniedEvent(INV, LOOP, List.of(), 2, T0), 1);

        Document doc = stored(INV);
        assertThat(doc.getString("status")).isEqualTo("DENIED");
        assertThat(doc.getDate("completedAt")).isEqualTo(Date.from(T0));
        assertThat(doc.getLong("durationMs")).isEqualTo(0L);
    }

    @Test
    void blockedInvocationRecordsShortfall() {
        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
        projection.on(new InvocationBlockedEvent(INV, LOOP, 40, 7, T0), 1);

        Document doc = stored(INV);
        assertThat(doc.getString("status")).isEqualTo("BLOCKED");
        assertThat(doc.get("shortfall", Document.class))
                .isEqualTo(new Document("required", 40L).append("available", 7L));
    }

    @Test
    void approvedInvocationRecordsApprover() {
        projection.on(requested(INV, LOOP, PolicyDecision.REQUIRE_APPROVAL), 0);
        projection.on(approvalRequested(INV, LOOP), 1);
        assertThat(stored(INV).getString("status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(stored(INV).getDate("decidedAt")).isNull();

        projection.on(approved(INV, LOOP), 2);

        Document doc = stored(INV);
        assertThat(doc.getString("status")).isEqualTo("PENDING");
        assertThat(doc.getString("decidedByLoopId")).isEqualTo(OWNER);
        assertThat(doc.getDate("decidedAt")).isEqualTo(Date.from(T0.plusSeconds(60)));
    }

    @Test
    void rejectedInvocationRecordsReason() {
        projection.on(requested(INV, LOOP, PolicyDecision.REQUIRE_APPROVAL), 0);
        projection.on(approvalRequested(INV, LOOP), 1);
        projection.on(new InvocationRejectedEvent(INV, LOOP, INV, OWNER, null, "too pricey", T0.plusSeconds(5)), 2);

        Document doc = stored(INV);
        assertThat(doc.getString("status")).isEqualTo("REJECTED");
        assertThat(doc.getString("rejectionReason")).isEqualTo("too pricey");
        assertThat(doc.getLong("durationMs")).isEqualTo(5_000L);
    }

    @Test
    void succeededInvocationRecordsResult() {
        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
        projection.on(queued(INV, LOOP), 1);
        projection.on(succeeded(INV, LOOP, 25), 2);

        Document doc = stored(INV);
        assertThat(doc.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(doc.getLong("charged")).isEqualTo(25L);
        assertThat(doc.getString("output")).isEqualTo(OUTPUT.toString());
        assertThat(doc.getList("proofIds", String.class)).containsExactly("prf_1");
        assertThat(doc.getLong("durationMs")).isEqualTo(90_000L);
    }

    @Test
    void failedInvocationRecordsError() {
        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
        projection.on(queued(INV, LOOP), 1);
        projection.on(new InvocationFailedEvent(INV, LOOP, PUBLISHER, INV, "timed out", T0.plusSeconds(3)), 2);

        Document doc = stored(INV);
        assertThat(doc.getString("status")).isEqualTo("FAILED");
        assertThat(doc.getString("error")).isEqualTo("timed out");
    }

    @Test
    void sandboxRunIsSimulated() {
        projection.on(requested(INV, LOOP, ExecutionMode.SANDBOX, PolicyDecision.ALLOW), 0);
        projection.on(queued(INV, LOOP), 1);
        projection.on(
                new InvocationSimulatedEvent(INV, LOOP, PUBLISHER, true, OUTPUT, null, List.of(), T0.plusSeconds(1)),
                2);

        Document doc = stored(INV);
        assertThat(doc.getString("status")).isEqualTo("SIMULATED");
        assertThat(doc.getString("executionMode")).isEqualTo("sandbox");
        assertThat(doc.getString("output")).isEqualTo(OUTPUT.toString());
    }

    @Test
    void expiredInvocationEndsAtDeadline() {
        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
        projection.on(queued(INV, LOOP), 1);
        projection.on(new InvocationExpiredEvent(INV, LOOP, INV, InvocationStatus.PENDING, T0.plusSeconds(3600)), 2);

        Document doc = stored(INV);
        assertThat(doc.getString("status")).isEqualTo("EXPIRED");
        assertThat(doc.getLong("durationMs")).isEqualTo(3_600_000L);
    }

    @Test
    void captureFillsCreditFields() {
        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
        projection.on(held(INV));
        projection.on(captured(INV, 25));

        Document doc = stored(INV);
        assertThat(doc.getLong("held")).isEqualTo(40L);
        assertThat(doc.getLong("captured")).isEqualTo(25L);
        assertThat(doc.getLong("released")).isEqualTo(15L);
    }

    @Test
    void releaseFillsReleased() {
        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
        projection.on(held(INV));
        projection.on(released(INV));

        Document doc = stored(INV);
        assertThat(doc.getLong("released")).isEqualTo(40L);
        assertThat(doc.containsKey("captured")).isFalse();
    }

    @Test
    void holdBeforeRequestIsKept() {
        projection.on(held(INV));
        assertThat(stored(INV).getLong("sequence")).isEqualTo(InvocationReadModels.NO_INVOCATION_EVENT);

        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
        projection.on(queued(INV, LOOP), 1);

        Document doc = stored(INV);
        assertThat(doc.getLong("held")).isEqualTo(40L);
        assertThat(doc.getString("status")).isEqualTo("PENDING");
        assertThat(doc.getLong("sequence")).isEqualTo(1L);
    }

    @Test
    void taskHoldIsIgnored() {
        String taskHold = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XK";

        projection.on(held(taskHold));

        assertThat(invocations.countDocuments()).isZero();
    }

    @Test
    void repeatedEventChangesNothing() {
        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
        projection.on(queued(INV, LOOP), 1);
        projection.on(succeeded(INV, LOOP, 25), 2);
        Document before = stored(INV);

        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
        projection.on(queued(INV, LOOP), 1);
        projection.on(succeeded(INV, LOOP, 25), 2);

        assertThat(stored(INV)).isEqualTo(before);
    }

    @Test
    void laterEventWithoutRequestIsSkipped() {
        projection.on(queued(INV, LOOP), 1);

        assertThat(stored(INV)).isNull();
    }

    @Test
    void replayGivesIdenticalDocuments() {
        String second = "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XM";
        String third = "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XN";
        Runnable live = () -> {
            projection.on(held(INV));
            projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
            projection.on(queued(INV, LOOP), 1);
            projection.on(requested(second, OWNER, PolicyDecision.REQUIRE_APPROVAL), 0);
            projection.on(held(second));
            projection.on(approvalRequested(second, OWNER), 1);
            projection.on(succeeded(INV, LOOP, 25), 2);
            projection.on(captured(INV, 25));
            projection.on(new InvocationRejectedEvent(second, OWNER, second, OWNER, null, "no", T0), 2);
            projection.on(released(second));
            projection.on(requested(third, LOOP, PolicyDecision.DENY), 0);
            projection.on(new InvocationDeniedEvent(third, LOOP, List.of(), 2, T0), 1);
        };
        live.run();
        List<Document> before = invocations.find().sort(new Document("_id", 1)).into(new ArrayList<>());

        projection.reset();
        assertThat(invocations.countDocuments()).isZero();
        // Another segment may deliver the credit events before or after the invocation events.
        projection.on(requested(INV, LOOP, PolicyDecision.ALLOW), 0);
        projection.on(queued(INV, LOOP), 1);
        projection.on(succeeded(INV, LOOP, 25), 2);
        projection.on(requested(second, OWNER, PolicyDecision.REQUIRE_APPROVAL), 0);
        projection.on(approvalRequested(second, OWNER), 1);
        projection.on(new InvocationRejectedEvent(second, OWNER, second, OWNER, null, "no", T0), 2);
        projection.on(requested(third, LOOP, PolicyDecision.DENY), 0);
        projection.on(new InvocationDeniedEvent(third, LOOP, List.of(), 2, T0), 1);
        projection.on(held(INV));
        projection.on(captured(INV, 25));
        projection.on(released(second));
        projection.on(held(second));

        List<Document> after = invocations.find().sort(new Document("_id", 1)).into(new ArrayList<>());
        assertThat(after).hasSize(3);
        assertThat(after).isEqualTo(before);
    }
}
