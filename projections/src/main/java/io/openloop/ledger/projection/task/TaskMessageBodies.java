package io.openloop.ledger.projection.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openloop.ledger.messages.task.TaskOffer;
import java.time.Instant;
import java.util.List;

/**
 * Builds the body of each AAP message type in the shape its sender used. Fields the sender left empty are left out,
 * so a {@code TASK_UPDATE} that carried only {@code data} has no {@code message}.
 */
final class TaskMessageBodies {

    private TaskMessageBodies() {}

    /** {@code TASK_REQUEST}: the kind of task and its inputs. */
    static ObjectNode request(String task, JsonNode inputs) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        putText(body, "task", task);
        putJson(body, "inputs", inputs);
        return body;
    }

    /** {@code TASK_OFFER} and {@code COUNTER_OFFER}. */
    static ObjectNode offer(TaskOffer offer) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        putText(body, "offerId", offer.offerId());
        body.put("price", offer.price());
        putText(body, "terms", offer.terms());
        putTime(body, "expiresAt", offer.expiresAt());
        putTime(body, "deadline", offer.deadline());
        return body;
    }

    /** {@code OFFER_ACCEPT}: the offer accepted and its price. */
    static ObjectNode accept(String offerId, long price) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        putText(body, "offerId", offerId);
        body.put("price", price);
        return body;
    }

    /** {@code OFFER_DECLINE}, {@code TASK_REJECT}, {@code TASK_FAIL}, {@code TASK_CANCEL} and {@code TASK_DISPUTE}. */
    static ObjectNode reason(String reason) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        putText(body, "reason", reason);
        return body;
    }

    /** {@code TASK_UPDATE}: a progress note, data, or both. */
    static ObjectNode update(String message, JsonNode data) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        putText(body, "message", message);
        putJson(body, "data", data);
        return body;
    }

    /** {@code INPUT_REQUEST}: the question to the requester and data that goes with it. */
    static ObjectNode inputRequest(String question, JsonNode data) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        putText(body, "question", question);
        putJson(body, "data", data);
        return body;
    }

    /** {@code TASK_COMPLETE}: what the business delivered and the proofs it attached. */
    static ObjectNode complete(JsonNode result, List<String> proofIds) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        putJson(body, "result", result);
        ArrayNode proofs = body.putArray("proofIds");
        proofIds.forEach(proofs::add);
        return body;
    }

    private static void putText(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static void putJson(ObjectNode body, String field, JsonNode value) {
        if (value != null && !value.isNull()) {
            body.set(field, value);
        }
    }

    private static void putTime(ObjectNode body, String field, Instant value) {
        if (value != null) {
            body.put(field, value.toString());
        }
    }
}
