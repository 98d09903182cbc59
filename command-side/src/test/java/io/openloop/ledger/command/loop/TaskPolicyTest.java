package io.openloop.ledger.command.loop;

import static io.openloop.ledger.command.loop.LoopFixtures.NOW;
import static io.openloop.ledger.command.loop.LoopFixtures.fields;
import static io.openloop.ledger.command.loop.LoopFixtures.keyId;
import static io.openloop.ledger.command.loop.LoopFixtures.ownerKeyIssued;
import static io.openloop.ledger.command.loop.LoopFixtures.registered;
import static io.openloop.ledger.command.loop.LoopFixtures.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.task.SetTaskPolicyCommand;
import io.openloop.ledger.messages.task.TaskPolicy;
import io.openloop.ledger.messages.task.TaskPolicyChangedEvent;
import io.openloop.ledger.messages.task.TaskPolicyRule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A business loop's task policy: versions, the business-only rule and the shape checks. */
class TaskPolicyTest {

    private static final String LOOP = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";

    private FixtureConfiguration<Loop> fixture;

    @BeforeEach
    void setUp() {
        fixture = LoopFixtures.fixture(new LoopFixtures.InMemoryHandles(), new InMemoryLoopDirectory());
    }

    private TestExecutor<Loop> givenLoop(LoopKind kind) {
        return fixture.given(registered(LOOP, "@acme_roofing", kind), ownerKeyIssued(LOOP, keyId(), Scope.all()));
    }

    private static ObjectNode citySchema() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties").putObject("city").putArray("enum").add("Atlanta");
        return schema;
    }

    private static TaskPolicy policy(String name, JsonNode schema, Integer minTrustScore) {
        return new TaskPolicy(Map.of(name, new TaskPolicyRule(schema)), minTrustScore);
    }

    @Test
    void firstPolicyIsVersionOne() {
        TaskPolicy policy = policy("quote_request", citySchema(), 60);

        givenLoop(LoopKind.BUSINESS)
                .when(new SetTaskPolicyCommand(LOOP, policy))
                .expectEvents(new TaskPolicyChangedEvent(LOOP, policy, 1, NOW))
                .expectResultMessagePayload(1L);
    }

    @Test
    void nextPolicyRaisesVersion() {
        TaskPolicy policy = policy("quote_request", null, null);

        givenLoop(LoopKind.BUSINESS)
                .andGiven(new TaskPolicyChangedEvent(LOOP, TaskPolicy.none(), 4, NOW))
                .when(new SetTaskPolicyCommand(LOOP, policy))
                .expectEvents(new TaskPolicyChangedEvent(LOOP, policy, 5, NOW));
    }

    @Test
    void developerLoopIsRejected() {
        LedgerException error = rejection(
                givenLoop(LoopKind.DEVELOPER), new SetTaskPolicyCommand(LOOP, policy("quote_request", null, null)));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey("loopId");
    }

    @Test
    void invalidTaskNameIsRejected() {
        LedgerException error = rejection(
                givenLoop(LoopKind.BUSINESS), new SetTaskPolicyCommand(LOOP, policy("Quote Request", null, null)));

        assertThat(fields(error)).containsKey("tasks");
    }

    @Test
    void trustScoreAbove100IsRejected() {
        LedgerException error = rejection(
                givenLoop(LoopKind.BUSINESS), new SetTaskPolicyCommand(LOOP, policy("quote_request", null, 101)));

        assertThat(fields(error)).containsKey("minTrustScore");
    }

    @Test
    void negativeTrustScoreIsRejected() {
        LedgerException error = rejection(
                givenLoop(LoopKind.BUSINESS), new SetTaskPolicyCommand(LOOP, policy("quote_request", null, -1)));

        assertThat(fields(error)).containsKey("minTrustScore");
    }

    @Test
    void schemaThatIsNoObjectIsRejected() {
        JsonNode schema = JsonNodeFactory.instance.textNode("city");

        LedgerException error = rejection(
                givenLoop(LoopKind.BUSINESS), new SetTaskPolicyCommand(LOOP, policy("quote_request", schema, null)));

        assertThat(fields(error)).containsKey("tasks.quote_request.inputSchema");
    }

    @Test
    void oversizedSchemaIsRejected() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("description", "x".repeat(33 * 1024));

        LedgerException error = rejection(
                givenLoop(LoopKind.BUSINESS), new SetTaskPolicyCommand(LOOP, policy("quote_request", schema, null)));

        assertThat(fields(error)).containsKey("tasks.quote_request.inputSchema");
    }

    @Test
    void moreThan100TasksAreRejected() {
        Map<String, TaskPolicyRule> tasks = new LinkedHashMap<>();
        for (int i = 0; i <= 100; i++) {
            tasks.put("task_" + i, new TaskPolicyRule(null));
        }

        LedgerException error =
                rejection(givenLoop(LoopKind.BUSINESS), new SetTaskPolicyCommand(LOOP, new TaskPolicy(tasks, null)));

        assertThat(fields(error)).containsKey("tasks");
    }

    @Test
    void missingPolicyIsRejected() {
        LedgerException error = rejection(givenLoop(LoopKind.BUSINESS), new SetTaskPolicyCommand(LOOP, null));

        assertThat(fields(error)).containsKey("policy");
    }
}
