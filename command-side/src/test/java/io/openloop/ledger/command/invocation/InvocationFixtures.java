package io.openloop.ledger.command.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.invocation.CreditShortfall;
import io.openloop.ledger.messages.invocation.InvocationApprovalRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationQueuedEvent;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.invocation.RequestInvocationCommand;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.policy.PolicyReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.CustomMatcher;

/** Commands, events and a fixture shared by the Invocation aggregate's tests. */
final class InvocationFixtures {

    static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");
    static final Instant EXPIRES_AT = NOW.plus(Duration.ofHours(1));

    static final String INVOCATION = "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    static final String LOOP = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    static final String PUBLISHER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    static final String OWNER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XC";
    static final String KEY = "key_01JE9Z4R8QZ4V2M1T6C3N5B7XD";
    static final String TOOL = "tool_01JE9Z4R8QZ4V2M1T6C3N5B7XE";
    static final long ESTIMATE = 40;

    static final JsonNode INPUT = JsonNodeFactory.instance.objectNode().put("city", "Atlanta");
    static final JsonNode OUTPUT = JsonNodeFactory.instance.objectNode().put("quote", 1200);

    private InvocationFixtures() {}

    /** A fixture with a fixed clock at {@link #NOW}; the fixture's own deadline manager is injected. */
    static FixtureConfiguration<Invocation> fixture() {
        FixtureConfiguration<Invocation> fixture = new AggregateTestFixture<>(Invocation.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        return fixture;
    }

    static PolicyEvaluation policy(PolicyDecision decision) {
        return new PolicyEvaluation(decision, List.of(new PolicyReason("RULE", "rule " + decision)), 3, 50);
    }

    /** Returns a live autopilot request with a hold, decided by {@code decision}. */
    static RequestInvocationCommand request(PolicyDecision decision) {
        return request(ExecutionMode.AUTOPILOT, decision, INVOCATION, null);
    }

    static RequestInvocationCommand request(
            ExecutionMode mode, PolicyDecision decision, String holdId, CreditShortfall shortfall) {
        return new RequestInvocationCommand(
                INVOCATION,
                LOOP,
                KEY,
                TOOL,
                "@acme/quote",
                "1.0.0",
                PUBLISHER,
                mode,
                RiskLevel.MEDIUM,
                List.of("receipt"),
                INPUT,
                null,
                policy(decision),
                ESTIMATE,
                holdId,
                shortfall,
                EXPIRES_AT);
    }

    static InvocationRequestedEvent requested(ExecutionMode mode, PolicyDecision decision) {
        return new InvocationRequestedEvent(
                INVOCATION,
                LOOP,
                KEY,
                TOOL,
                "@acme/quote",
                "1.0.0",
                PUBLISHER,
                mode,
                RiskLevel.MEDIUM,
                List.of("receipt"),
                INPUT,
                null,
                policy(decision),
                ESTIMATE,
                EXPIRES_AT,
                NOW);
    }

    static InvocationQueuedEvent queued(String holdId) {
        return new InvocationQueuedEvent(INVOCATION, LOOP, PUBLISHER, holdId, NOW);
    }

    static InvocationApprovalRequestedEvent approvalRequested() {
        return new InvocationApprovalRequestedEvent(
                INVOCATION,
                LOOP,
                INVOCATION,
                policy(PolicyDecision.REQUIRE_APPROVAL).reasons(),
                NOW);
    }

    /** Runs {@code command}, expects no events and a {@link LedgerException}, and returns that exception. */
    static LedgerException rejection(TestExecutor<Invocation> history, Object command) {
        AtomicReference<Object> thrown = new AtomicReference<>();
        history.when(command).expectNoEvents().expectException(new CustomMatcher<Object>("a LedgerException") {
            @Override
            public boolean matches(Object item) {
                thrown.set(item);
                return item instanceof LedgerException;
            }
        });
        return (LedgerException) thrown.get();
    }
}
