package io.openloop.ledger.projection.trust;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.invocation.InvocationDeniedEvent;
import io.openloop.ledger.messages.invocation.InvocationFailedEvent;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.ProofVerificationRaisedEvent;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.proof.VerificationMethod;
import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.DisputeResolvedEvent;
import io.openloop.ledger.messages.task.TaskExpiredEvent;
import io.openloop.ledger.messages.task.TaskFailedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.projection.MemoryMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trust read model, built by calling the projection as a plain object against the in-process store. */
class TrustScoreProjectionTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final String REQUESTER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XR";
    private static final String BUSINESS = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    private static final String PUBLISHER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XP";
    private static final String TASK = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String INV = "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    private static final String PROOF = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XF";

    private static MemoryMongo mongo;
    private static int databases;

    private TrustScoreProjection projection;
    private MongoCollection<Document> scores;

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
        String name = "trust_" + ++databases;
        projection = new TrustScoreProjection(mongo.database(name));
        scores = mongo.database(name).getCollection(TrustReadModels.TRUST_SCORES);
    }

    private Document stored(String loopId) {
        return scores.find(Filters.eq("_id", loopId)).first();
    }

    private Document contributions(String loopId) {
        return stored(loopId).get("components", Document.class).get("contributions", Document.class);
    }

    private List<Document> all() {
        return scores.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static TaskSettledEvent settled(String taskId, Instant at) {
        return new TaskSettledEvent(taskId, REQUESTER, BUSINESS, "hold_1", 100, at);
    }

    private static DisputeResolvedEvent resolved(DisputeResolution resolution, Instant at) {
        return new DisputeResolvedEvent(TASK, REQUESTER, BUSINESS, resolution, "checked", 100, "tr_1", at);
    }

    private static TaskExpiredEvent expired(String taskId, TaskState previousState) {
        return new TaskExpiredEvent(taskId, REQUESTER, BUSINESS, previousState, null, at(50));
    }

    private static ProofAttachedEvent attached(VerificationLevel level) {
        ProofArtifact artifact = new ProofArtifact("receipt", "https://acme.example/r/1", null, "ab".repeat(32), T0);
        return new ProofAttachedEvent(PROOF, ProofSubjectType.INVOCATION, INV, PUBLISHER, artifact, level, at(1));
    }

    private static ProofVerificationRaisedEvent raised(VerificationLevel before, VerificationMethod method, long at) {
        return new ProofVerificationRaisedEvent(
                PROOF,
                ProofSubjectType.INVOCATION,
                INV,
                PUBLISHER,
                method,
                before,
                method.level(),
                "platform",
                "invocation log agrees",
                at(at));
    }

    private static InvocationSucceededEvent succeeded(String invocationId, Instant at) {
        return new InvocationSucceededEvent(
                invocationId, REQUESTER, PUBLISHER, invocationId, 10, null, List.of(PROOF), at);
    }

    private static InvocationDeniedEvent denied(String invocationId, Instant at) {
        return new InvocationDeniedEvent(invocationId, REQUESTER, List.of(), 1, at);
    }

    /** Applies events of every handled type: a refunded task, an expired offer, a verified invocation and more. */
    private void history() {
        projection.on(settled(TASK, at(10)));
        projection.on(resolved(DisputeResolution.REFUNDED, at(20)));
        projection.on(expired("task_2", TaskState.OFFERED));
        projection.on(new TaskFailedEvent("task_3", "msg_1", REQUESTER, BUSINESS, "no capacity", null, at(60)));
        projection.on(attached(VerificationLevel.V1));
        projection.on(succeeded(INV, at(2)));
        projection.on(raised(VerificationLevel.V1, VerificationMethod.PLATFORM_RECORDS, 70));
        projection.on(new InvocationFailedEvent("inv_2", REQUESTER, PUBLISHER, null, "timeout", at(80)));
        projection.on(denied("inv_3", at(90)));
    }

    @Test
    void settledTaskCountsForBothParties() {
        projection.on(settled(TASK, at(10)));

        Document business = stored(BUSINESS);
        assertThat(business.getInteger("score")).isEqualTo(67);
        assertThat(business.getDouble("halfLifeDays")).isEqualTo(90.0);
        assertThat(business.getDate("asOf")).isEqualTo(Date.from(at(10)));
        assertThat(contributions(BUSINESS)).containsEntry("settled_task_v5", 1.0);
        Document history = business.getList("history", Document.class).get(0);
        assertThat(history.getInteger("score")).isEqualTo(67);
        assertThat(history.getString("cause")).isEqualTo("settled_task_v5");
        assertThat(history.getString("subjectId")).isEqualTo(TASK);

        assertThat(stored(REQUESTER).getInteger("score")).isEqualTo(67);
        assertThat(contributions(REQUESTER)).containsEntry("paid_task", 1.0);
    }

    @Test
    void refundReplacesTheSuccessWithMinusTwo() {
        projection.on(settled(TASK, at(10)));
        projection.on(resolved(DisputeResolution.REFUNDED, at(20)));

        Document business = stored(BUSINESS);
        assertThat(business.getInteger("score")).isEqualTo(25);
        assertThat(contributions(BUSINESS)).containsOnlyKeys("refunded_dispute");
        assertThat(contributions(BUSINESS)).containsEntry("refunded_dispute", -2.0);
        assertThat(business.get("components", Document.class).getLong("outcomes"))
                .isEqualTo(1L);
        assertThat(business.getList("history", Document.class))
                .extracting(point -> point.getInteger("score"))
                .containsExactly(67, 25);
        assertThat(stored(REQUESTER).getInteger("score")).isEqualTo(67);

        // The settlement delivered again must not bring the success back.
        projection.on(settled(TASK, at(10)));
        assertThat(stored(BUSINESS).getInteger("score")).isEqualTo(25);
    }

    @Test
    void dismissedDisputeChangesNothing() {
        projection.on(settled(TASK, at(10)));
        Document before = stored(BUSINESS);

        projection.on(resolved(DisputeResolution.DISMISSED, at(20)));

        assertThat(stored(BUSINESS)).isEqualTo(before);
    }

    @Test
    void expiryCountsAgainstLapsingParty() {
        projection.on(expired("task_2", TaskState.OFFERED));
        projection.on(expired("task_3", TaskState.IN_PROGRESS));
        projection.on(expired("task_4", TaskState.REQUESTED));

        assertThat(stored(REQUESTER).getInteger("score")).isEqualTo(40);
        assertThat(contributions(REQUESTER)).containsOnlyKeys("expired_offer");
        assertThat(stored(BUSINESS).getInteger("score")).isEqualTo(33);
        assertThat(contributions(BUSINESS)).containsOnlyKeys("missed_deadline");
    }

    @Test
    void failuresAndDenialsCountAgainstTheirLoops() {
        projection.on(new TaskFailedEvent(TASK, "msg_1", REQUESTER, BUSINESS, "no capacity", null, at(5)));
        projection.on(new InvocationFailedEvent(INV, REQUESTER, PUBLISHER, null, "timeout", at(6)));
        projection.on(denied("inv_2", at(7)));

        assertThat(stored(BUSINESS).getInteger("score")).isEqualTo(33);
        assertThat(contributions(BUSINESS)).containsEntry("failed_task", -1.0);
        assertThat(stored(PUBLISHER).getInteger("score")).isEqualTo(33);
        assertThat(contributions(PUBLISHER)).containsEntry("failed_invocation", -1.0);
        assertThat(stored(REQUESTER).getInteger("score")).isEqualTo(40);
        assertThat(contributions(REQUESTER)).containsEntry("policy_denial", -0.5);
    }

    @Test
    void invocationSuccessFollowsItsProofLevel() {
        projection.on(attached(VerificationLevel.V1));
        assertThat(stored(PUBLISHER).getInteger("score")).isEqualTo(50);
        assertThat(stored(PUBLISHER).getList("history", Document.class)).isEmpty();

        projection.on(succeeded(INV, at(2)));
        assertThat(stored(PUBLISHER).getInteger("score")).isEqualTo(58);
        assertThat(contributions(PUBLISHER)).containsOnlyKeys("succeeded_invocation_v1");

        projection.on(raised(VerificationLevel.V1, VerificationMethod.PLATFORM_RECORDS, 30));
        Document publisher = stored(PUBLISHER);
        assertThat(publisher.getInteger("score")).isEqualTo(62);
        assertThat(contributions(PUBLISHER)).containsOnlyKeys("succeeded_invocation_v2");
        assertThat(publisher.get("subjectLevels", Document.class).getString(INV))
                .isEqualTo("V2");
        assertThat(publisher.getDate("asOf")).isEqualTo(Date.from(at(30)));
        assertThat(publisher.getList("history", Document.class))
                .extracting(point -> point.getString("cause"))
                .containsExactly("succeeded_invocation_v1", "succeeded_invocation_v2");
    }

    @Test
    void invocationWithoutProofCountsAsV0() {
        projection.on(succeeded(INV, at(2)));

        assertThat(stored(PUBLISHER).getInteger("score")).isEqualTo(55);
        assertThat(contributions(PUBLISHER)).containsEntry("succeeded_invocation_v0", 0.2);
    }

    @Test
    void ownToolRunsEarnNoTrust() {
        projection.on(new InvocationSucceededEvent(INV, PUBLISHER, PUBLISHER, null, 0, null, List.of(PROOF), at(2)));
        projection.on(new InvocationFailedEvent("inv_2", PUBLISHER, PUBLISHER, null, "boom", at(3)));

        assertThat(stored(PUBLISHER)).isNull();
    }

    @Test
    void lowerOrEqualLevelChangesNothing() {
        projection.on(attached(VerificationLevel.V1));
        projection.on(succeeded(INV, at(2)));
        projection.on(raised(VerificationLevel.V1, VerificationMethod.VERIFIER_SIGNATURE, 30));
        Document before = stored(PUBLISHER);

        projection.on(raised(VerificationLevel.V1, VerificationMethod.PLATFORM_RECORDS, 40));

        assertThat(stored(PUBLISHER)).isEqualTo(before);
        assertThat(contributions(PUBLISHER)).containsOnlyKeys("succeeded_invocation_v4");
    }

    @Test
    void oldOutcomesDecayToTheLastEvent() {
        projection.on(settled(TASK, T0));
        projection.on(new TaskFailedEvent(
                "task_2", "msg_1", REQUESTER, BUSINESS, "late", null, T0.plus(Duration.ofDays(90))));

        Document components = stored(BUSINESS).get("components", Document.class);
        assertThat(components.getDouble("positive")).isEqualTo(0.5);
        assertThat(components.getDouble("negative")).isEqualTo(1.0);
        assertThat(stored(BUSINESS).getInteger("score")).isEqualTo(43);
    }

    @Test
    void historyKeepsTheLatestHundredPoints() {
        for (int i = 0; i < 101; i++) {
            projection.on(denied("inv_" + i, at(i)));
        }

        List<Document> history = stored(REQUESTER).getList("history", Document.class);
        assertThat(history).hasSize(LoopTrust.MAX_HISTORY);
        assertThat(history.get(0).getString("subjectId")).isEqualTo("inv_1");
        assertThat(history.get(99).getString("subjectId")).isEqualTo("inv_100");
        assertThat(stored(REQUESTER).get("components", Document.class).getLong("outcomes"))
                .isEqualTo(101L);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        history();
        List<Document> before = all();

        history();

        assertThat(all()).isEqualTo(before);
    }

    @Test
    void replayAfterResetWritesIdenticalDocuments() {
        history();
        List<Document> before = all();

        projection.reset();
        assertThat(scores.countDocuments()).isZero();
        history();

        assertThat(all()).hasSize(3);
        assertThat(all()).isEqualTo(before);
    }
}
