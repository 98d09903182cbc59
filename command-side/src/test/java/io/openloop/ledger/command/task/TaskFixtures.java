package io.openloop.ledger.command.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.task.AcceptOfferCommand;
import io.openloop.ledger.messages.task.CompleteTaskCommand;
import io.openloop.ledger.messages.task.MakeOfferCommand;
import io.openloop.ledger.messages.task.OfferAcceptedEvent;
import io.openloop.ledger.messages.task.OfferMadeEvent;
import io.openloop.ledger.messages.task.RequestTaskCommand;
import io.openloop.ledger.messages.task.TaskCompletedEvent;
import io.openloop.ledger.messages.task.TaskInputRequestedEvent;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskPolicyDecision;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskUpdatedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.CustomMatcher;

/** Commands, events and a fixture shared by the Task aggregate's tests. */
final class TaskFixtures {

    static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");
    static final Instant EXPIRES_AT = NOW.plus(Duration.ofHours(1));
    static final Instant DEADLINE = NOW.plus(Duration.ofDays(2));

    static final String TASK = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    static final String REQUESTER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    static final String BUSINESS = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    static final String STRANGER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XC";
    static final String KEY = "key_01JE9Z4R8QZ4V2M1T6C3N5B7XD";
    static final String PROOF = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XE";
    static final String HOLD = "hold_task_1";
    static final String OFFER = "offer_1";
    static final long PRICE = 300;

    static final JsonNode INPUTS = JsonNodeFactory.instance.objectNode().put("city", "Atlanta");
    static final JsonNode RESULT = JsonNodeFactory.instance.objectNode().put("quote", 1200);

    private TaskFixtures() {}

    /** A fixture with a fixed clock at {@link #NOW}; the fixture's own deadline manager is injected. */
    static FixtureConfiguration<Task> fixture() {
        FixtureConfiguration<Task> fixture = new AggregateTestFixture<>(Task.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        return fixture;
    }

    static RequestTaskCommand request(TaskPolicyDecision decision) {
        return new RequestTaskCommand(TASK, "msg_req", REQUESTER, BUSINESS, KEY, "quote_request", INPUTS, decision);
    }

    static TaskRequestedEvent requested() {
        return new TaskRequestedEvent(TASK, "msg_req", REQUESTER, BUSINESS, KEY, "quote_request", INPUTS, NOW);
    }

    static MakeOfferCommand offer(String messageId, String sender, boolean counter, String offerId, long price) {
        return new MakeOfferCommand(
                TASK, messageId, sender, counter, offerId, price, "roof quote", EXPIRES_AT, DEADLINE);
    }

    static TaskOffer madeOffer(String sender, boolean counter, String offerId, long price) {
        return new TaskOffer(offerId, sender, price, "roof quote", EXPIRES_AT, DEADLINE, counter, NOW);
    }

    static OfferMadeEvent offerMade(String messageId, String sender, boolean counter, String offerId, long price) {
        return new OfferMadeEvent(TASK, messageId, REQUESTER, BUSINESS, madeOffer(sender, counter, offerId, price));
    }

    /** The business's offer {@link #OFFER} at {@link #PRICE}. */
    static OfferMadeEvent offerMade() {
        return offerMade("msg_offer", BUSINESS, false, OFFER, PRICE);
    }

    static AcceptOfferCommand accept(String messageId, String sender, String offerId, String holdId) {
        return new AcceptOfferCommand(TASK, messageId, sender, offerId, holdId);
    }

    static OfferAcceptedEvent accepted(long price, String holdId) {
        return new OfferAcceptedEvent(
                TASK, "msg_accept", REQUESTER, BUSINESS, OFFER, price, "roof quote", DEADLINE, holdId, NOW);
    }

    static TaskUpdatedEvent updated(String messageId, String sender) {
        return new TaskUpdatedEvent(TASK, messageId, REQUESTER, BUSINESS, sender, "started", null, NOW);
    }

    static TaskInputRequestedEvent inputRequested() {
        return new TaskInputRequestedEvent(TASK, "msg_ask", REQUESTER, BUSINESS, "which roof?", null, NOW);
    }

    static CompleteTaskCommand complete(String sender, List<String> proofIds) {
        return new CompleteTaskCommand(TASK, "msg_done", sender, RESULT, proofIds);
    }

    static TaskCompletedEvent completed(long price, String holdId) {
        return new TaskCompletedEvent(
                TASK, "msg_done", REQUESTER, BUSINESS, RESULT, List.of(PROOF), price, holdId, NOW);
    }

    /** Runs {@code command}, expects no events and a {@link LedgerException}, and returns that exception. */
    static LedgerException rejection(TestExecutor<Task> history, Object command) {
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

    /** Returns the fields a {@code VALIDATION_FAILED} error names, or an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, String> fields(LedgerException error) {
        Object fields = error.details().get("fields");
        return fields == null ? Map.of() : (Map<String, String>) fields;
    }
}
