package io.openloop.ledger.projection.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.messages.task.ContractAmendmentProposedEvent;
import io.openloop.ledger.messages.task.OfferAcceptedEvent;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.projection.JsonText;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** Converts task event values into the stored form of the task read models' fields. */
final class TaskFields {

    private TaskFields() {}

    /** Returns the fields every task event sets: the state it leaves the task in and the time of the change. */
    static Document state(TaskState state, Instant at) {
        return new Document("state", state.name()).append("updatedAt", date(at));
    }

    static Document offer(TaskOffer offer) {
        return new Document("offerId", offer.offerId())
                .append("fromLoopId", offer.fromLoopId())
                .append("price", offer.price())
                .append("terms", offer.terms())
                .append("expiresAt", date(offer.expiresAt()))
                .append("deadline", date(offer.deadline()))
                .append("counter", offer.counter())
                .append("madeAt", date(offer.madeAt()));
    }

    /** Returns the contract that the accepted offer becomes, with no amendments yet. */
    static Document contract(OfferAcceptedEvent event) {
        return new Document("offerId", event.offerId())
                .append("price", event.price())
                .append("terms", event.terms())
                .append("deadline", date(event.deadline()))
                .append("holdId", event.holdId())
                .append("acceptedAt", date(event.acceptedAt()))
                .append("amendments", 0)
                .append("pendingAmendment", null);
    }

    static Document pendingAmendment(ContractAmendmentProposedEvent event) {
        return new Document("amendmentId", event.amendmentId())
                .append("proposedByLoopId", event.proposedByLoopId())
                .append("terms", event.terms())
                .append("deadline", date(event.deadline()))
                .append("proposedAt", date(event.proposedAt()));
    }

    static String json(JsonNode node) {
        return JsonText.write(node);
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
