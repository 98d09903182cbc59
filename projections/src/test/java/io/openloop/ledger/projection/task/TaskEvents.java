package io.openloop.ledger.projection.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openloop.ledger.messages.task.ContractAmendedEvent;
import io.openloop.ledger.messages.task.ContractAmendmentProposedEvent;
import io.openloop.ledger.messages.task.OfferAcceptedEvent;
import io.openloop.ledger.messages.task.OfferMadeEvent;
import io.openloop.ledger.messages.task.TaskCompletedEvent;
import io.openloop.ledger.messages.task.TaskDisputedEvent;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.messages.task.TaskUpdatedEvent;
import java.time.Instant;
import java.util.List;

/** Events of one task between a requester and a business, as the Task aggregate records them, for projection tests. */
final class TaskEvents {

    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    static final String TASK = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    static final String REQUESTER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XR";
    static final String BUSINESS = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    static final String HOLD = "hold_01JE9Z4R8QZ4V2M1T6C3N5B7XH";

    /** Inputs with a {@code $}-prefixed field name, which the in-process store rejects inside a document. */
    static final JsonNode INPUTS = inputs();

    static final JsonNode RESULT = JsonNodeFactory.instance.objectNode().put("quote", 1200);

    private TaskEvents() {}

    private static JsonNode inputs() {
        ObjectNode inputs = JsonNodeFactory.instance.objectNode().put("city", "Atlanta");
        inputs.put("service", "roofing");
        inputs.putObject("budget").put("$lte", 2000);
        return inputs;
    }

    /** Returns the id of the {@code n}th message. Ids sort in the order of {@code n}. */
    static String msg(int n) {
        return "msg_01JE9Z4R8QZ4V2M1T6C3N5B" + String.format("%03d", n);
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static TaskRequestedEvent requested() {
        return new TaskRequestedEvent(
                TASK, msg(0), REQUESTER, BUSINESS, "key_01JE9Z4R8QZ4V2M1T6C3N5B7XK", "quote_request", INPUTS, T0);
    }

    static TaskOffer offer(String offerId, String fromLoopId, long price, boolean counter, int seconds) {
        return new TaskOffer(
                offerId, fromLoopId, price, "roof inspection and quote", at(3600), at(86400), counter, at(seconds));
    }

    static OfferMadeEvent offerMade(String messageId, TaskOffer offer) {
        return new OfferMadeEvent(TASK, messageId, REQUESTER, BUSINESS, offer);
    }

    static OfferAcceptedEvent accepted(String messageId, String offerId, long price) {
        return new OfferAcceptedEvent(
                TASK,
                messageId,
                REQUESTER,
                BUSINESS,
                offerId,
                price,
                "roof inspection and quote",
                at(86400),
                HOLD,
                at(30));
    }

    static TaskUpdatedEvent update(String messageId, String senderLoopId, String message, JsonNode data) {
        return new TaskUpdatedEvent(TASK, messageId, REQUESTER, BUSINESS, senderLoopId, message, data, at(40));
    }

    static TaskCompletedEvent completed(String messageId) {
        return new TaskCompletedEvent(
                TASK, messageId, REQUESTER, BUSINESS, RESULT, List.of("prf_1", "prf_2"), 150, HOLD, at(50));
    }

    static TaskSettledEvent settled() {
        return new TaskSettledEvent(TASK, REQUESTER, BUSINESS, HOLD, 150, at(51));
    }

    static TaskDisputedEvent disputed(String messageId, TaskState previousState) {
        return new TaskDisputedEvent(TASK, messageId, REQUESTER, BUSINESS, previousState, "no quote attached", at(60));
    }

    static ContractAmendmentProposedEvent amendmentProposed(String amendmentId, String terms, Instant deadline) {
        return new ContractAmendmentProposedEvent(
                TASK, REQUESTER, BUSINESS, amendmentId, BUSINESS, terms, deadline, at(35));
    }

    static ContractAmendedEvent amended(String amendmentId, String terms, Instant deadline) {
        return new ContractAmendedEvent(TASK, REQUESTER, BUSINESS, amendmentId, REQUESTER, terms, deadline, at(36));
    }
}
