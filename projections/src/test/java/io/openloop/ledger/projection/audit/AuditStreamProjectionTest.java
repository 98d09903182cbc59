package io.openloop.ledger.projection.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.credit.CreditAccountOpenedEvent;
import io.openloop.ledger.messages.credit.CreditsHeldEvent;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.loop.ApiKeyIssuedEvent;
import io.openloop.ledger.messages.loop.ChildLoopRegisteredEvent;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.tool.ToolVersionDeprecatedEvent;
import io.openloop.ledger.messages.tool.ToolVersionPublishedEvent;
import io.openloop.ledger.projection.MemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stream index, built by calling the projection as a plain object against the in-process store. */
class AuditStreamProjectionTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final String AGENT = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String BUSINESS = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    private static final String PUBLISHER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XC";
    private static final String CHILD = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XD";
    private static final String STRANGER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XE";
    private static final String ACCOUNT = "acct_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String TOOL = "tool_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String INVOCATION = "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String TASK = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String PROOF = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XA";

    private static MemoryMongo mongo;
    private static int databases;

    private AuditStreamProjection projection;
    private MongoCollection<Document> streams;

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
        MongoDatabase database = mongo.database("audit_" + ++databases);
        projection = new AuditStreamProjection(database);
        streams = database.getCollection(AuditReadModels.AUDIT_STREAMS);
    }

    private void apply(String aggregateType, String stream, long sequence, Object payload) {
        projection.on(payload, new GenericDomainEventMessage<>(aggregateType, stream, sequence, payload));
    }

    private Document stream(String stream) {
        return streams.find(Filters.eq("_id", stream)).first();
    }

    private List<String> loops(String stream) {
        Document document = stream(stream);
        assertThat(document).as("index entry of %s", stream).isNotNull();
        return document.getList(AuditReadModels.LOOPS, String.class);
    }

    private List<Document> all() {
        return streams.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    @Test
    void loopStreamIsAboutItsLoop() {
        apply("Loop", AGENT, 0, loopRegistered(AGENT));
        apply("Loop", AGENT, 1, keyIssued(AGENT));

        assertThat(loops(AGENT)).containsExactly(AGENT);
        assertThat(stream(AGENT).getString(AuditReadModels.AGGREGATE_TYPE)).isEqualTo("Loop");
        assertThat(stream(AGENT).getString(AuditReadModels.SUBJECT)).isNull();
    }

    @Test
    void childLoopStreamIsAboutChildAndParent() {
        apply("Loop", CHILD, 0, childRegistered(CHILD, AGENT));

        assertThat(loops(CHILD)).containsExactly(CHILD, AGENT);
    }

    @Test
    void creditAccountBelongsToLoopThatOpenedIt() {
        apply("CreditAccount", ACCOUNT, 0, new CreditAccountOpenedEvent(ACCOUNT, AGENT, T0));
        apply(
                "CreditAccount",
                ACCOUNT,
                1,
                new CreditsHeldEvent(ACCOUNT, INVOCATION, 40, TASK, T0.plusSeconds(60), 960, T0));

        assertThat(loops(ACCOUNT)).containsExactly(AGENT);
        assertThat(stream(ACCOUNT).getString(AuditReadModels.SUBJECT))
                .as("a hold's subjectId does not make the account a proof")
                .isNull();
    }

    @Test
    void toolStreamBelongsToItsPublisher() {
        apply("Tool", TOOL, 0, new ToolVersionPublishedEvent(TOOL, PUBLISHER, "@acme_dev/quote", null, T0));
        apply("Tool", TOOL, 1, new ToolVersionDeprecatedEvent(TOOL, "1.0.0", "replaced", T0));

        assertThat(loops(TOOL)).containsExactly(PUBLISHER);
    }

    @Test
    void invocationIsAboutInvokerAndPublisher() {
        apply("Invocation", INVOCATION, 0, invocationRequested());

        assertThat(loops(INVOCATION)).containsExactly(AGENT, PUBLISHER);
    }

    @Test
    void taskIgnoresLoopsInItsInputs() {
        ObjectNode inputs = JsonNodeFactory.instance.objectNode().put("loopId", STRANGER);
        inputs.put("city", "Atlanta");
        apply("Task", TASK, 0, new TaskRequestedEvent(TASK, "msg_1", AGENT, BUSINESS, null, "quote", inputs, T0));

        assertThat(loops(TASK)).containsExactly(AGENT, BUSINESS);
    }

    @Test
    void proofNamesSubmitterAndSubject() {
        apply("Task", TASK, 0, new TaskRequestedEvent(TASK, "msg_1", AGENT, BUSINESS, null, "quote", null, T0));
        apply("Proof", PROOF, 0, proofAttached());

        assertThat(loops(PROOF)).containsExactly(BUSINESS);
        assertThat(stream(PROOF).getString(AuditReadModels.SUBJECT)).isEqualTo(TASK);
    }

    @Test
    void proofIndexedBeforeItsSubjectKeepsTheSubject() {
        apply("Proof", PROOF, 0, proofAttached());
        apply("Task", TASK, 0, new TaskRequestedEvent(TASK, "msg_1", AGENT, BUSINESS, null, "quote", null, T0));

        assertThat(stream(PROOF).getString(AuditReadModels.SUBJECT)).isEqualTo(TASK);
        assertThat(loops(TASK)).containsExactly(AGENT, BUSINESS);
    }

    @Test
    void eventOutsideAggregatesIsItsOwnStream() {
        EventMessage<CreditAccountOpenedEvent> event =
                GenericEventMessage.asEventMessage(new CreditAccountOpenedEvent(ACCOUNT, AGENT, T0));
        projection.on(event.getPayload(), event);

        assertThat(loops(event.getIdentifier())).containsExactly(AGENT);
        assertThat(stream(event.getIdentifier()).getString(AuditReadModels.AGGREGATE_TYPE))
                .isNull();
    }

    @Test
    void streamWithoutLoopsIsStillIndexed() {
        apply("Verifier", "vrf_1", 0, new ToolVersionDeprecatedEvent(TOOL, "1.0.0", "replaced", T0));

        assertThat(loops("vrf_1")).isEmpty();
    }

    @Test
    void redeliveryAndReplayGiveTheSameIndex() {
        history();
        List<Document> first = all();

        history();
        assertThat(all()).as("redelivered events").isEqualTo(first);

        projection.reset();
        assertThat(all()).isEmpty();
        history();
        assertThat(all()).as("replayed events").isEqualTo(first);
    }

    @Test
    void storedJsonMatchesPayloadMentions() throws Exception {
        Object[] payloads = {
            loopRegistered(AGENT),
            childRegistered(CHILD, AGENT),
            invocationRequested(),
            proofAttached(),
            new CreditAccountOpenedEvent(ACCOUNT, AGENT, T0)
        };
        ObjectMapper serializer = new ObjectMapper().findAndRegisterModules();
        for (Object payload : payloads) {
            JsonNode stored = serializer.readTree(serializer.writeValueAsString(payload));
            assertThat(StreamLoops.mentionsOf(stored))
                    .as("%s", payload.getClass().getSimpleName())
                    .isEqualTo(StreamLoops.mentionsOf(StreamLoops.toJson(payload)));
        }
    }

    private void history() {
        apply("Loop", AGENT, 0, loopRegistered(AGENT));
        apply("Loop", CHILD, 0, childRegistered(CHILD, AGENT));
        apply("CreditAccount", ACCOUNT, 0, new CreditAccountOpenedEvent(ACCOUNT, AGENT, T0));
        apply("Invocation", INVOCATION, 0, invocationRequested());
        apply("Task", TASK, 0, new TaskRequestedEvent(TASK, "msg_1", AGENT, BUSINESS, null, "quote", null, T0));
        apply("Proof", PROOF, 0, proofAttached());
    }

    private static LoopRegisteredEvent loopRegistered(String loopId) {
        return new LoopRegisteredEvent(
                loopId,
                Handle.of("@acme_agent"),
                "Acme",
                LoopKind.DEVELOPER,
                Plan.PRO,
                Set.of(Scope.AUDIT_READ),
                Set.of(),
                ExecutionMode.GUIDED,
                T0);
    }

    private static ChildLoopRegisteredEvent childRegistered(String loopId, String parentLoopId) {
        return new ChildLoopRegisteredEvent(
                loopId,
                parentLoopId,
                List.of(parentLoopId),
                Handle.of("@acme_child"),
                "Child",
                Plan.PRO,
                Set.of(Scope.AUDIT_READ),
                Set.of(),
                ExecutionMode.GUIDED,
                T0);
    }

    private static ApiKeyIssuedEvent keyIssued(String loopId) {
        return new ApiKeyIssuedEvent(
                loopId,
                "key_01JE9Z4R8QZ4V2M1T6C3N5B7XA",
                "agent",
                KeyMode.LIVE,
                Set.of(Scope.AUDIT_READ),
                false,
                "hash",
                "lk_live_abc",
                null,
                null,
                T0);
    }

    private static InvocationRequestedEvent invocationRequested() {
        return new InvocationRequestedEvent(
                INVOCATION,
                AGENT,
                "key_01JE9Z4R8QZ4V2M1T6C3N5B7XA",
                TOOL,
                "@acme_dev/quote",
                "1.0.0",
                PUBLISHER,
                ExecutionMode.GUIDED,
                RiskLevel.LOW,
                List.of("receipt"),
                JsonNodeFactory.instance.objectNode().put("city", "Atlanta"),
                null,
                new PolicyEvaluation(PolicyDecision.ALLOW, List.of(), 0, 50),
                10,
                T0.plusSeconds(3600),
                T0);
    }

    private static ProofAttachedEvent proofAttached() {
        return new ProofAttachedEvent(
                PROOF,
                ProofSubjectType.TASK,
                TASK,
                BUSINESS,
                new ProofArtifact("receipt", "https://example.org/r/1", null, "ab".repeat(32), T0),
                VerificationLevel.V1,
                T0);
    }
}
