package io.openloop.ledger.projection.task;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.task.ContractAmendmentProposedEvent;
import io.openloop.ledger.messages.task.OfferAcceptedEvent;
import io.openloop.ledger.messages.task.OfferMadeEvent;
import io.openloop.ledger.messages.task.TaskPolicyChangedEvent;
import io.openloop.ledger.messages.task.TaskRejectedEvent;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskUpdatedEvent;

/**
 * Writes the task read models through the real projection, so query-side tests read documents exactly as the
 * projection stores them. Lives in the projection's package to reach its package-private handlers.
 */
public final class TaskReadModelWriter {

    private final TaskProjection projection;

    public TaskReadModelWriter(MongoDatabase database) {
        this.projection = new TaskProjection(database);
    }

    public void apply(TaskRequestedEvent event, long sequence) {
        projection.on(event, sequence);
    }

    public void apply(TaskRejectedEvent event, long sequence) {
        projection.on(event, sequence);
    }

    public void apply(OfferMadeEvent event, long sequence) {
        projection.on(event, sequence);
    }

    public void apply(OfferAcceptedEvent event, long sequence) {
        projection.on(event, sequence);
    }

    public void apply(TaskUpdatedEvent event, long sequence) {
        projection.on(event, sequence);
    }

    public void apply(ContractAmendmentProposedEvent event, long sequence) {
        projection.on(event, sequence);
    }

    public void apply(TaskPolicyChangedEvent event) {
        projection.on(event);
    }
}
