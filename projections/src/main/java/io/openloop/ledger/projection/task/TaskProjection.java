package io.openloop.ledger.projection.task;

import static io.openloop.ledger.projection.task.TaskFields.date;
import static io.openloop.ledger.projection.task.TaskFields.json;
import static io.openloop.ledger.projection.task.TaskFields.state;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.openloop.ledger.messages.task.ContractAmendedEvent;
import io.openloop.ledger.messages.task.ContractAmendmentProposedEvent;
import io.openloop.ledger.messages.task.DisputeResolvedEvent;
import io.openloop.ledger.messages.task.OfferAcceptedEvent;
import io.openloop.ledger.messages.task.OfferDeclinedEvent;
import io.openloop.ledger.messages.task.OfferMadeEvent;
import io.openloop.ledger.messages.task.TaskCancelledEvent;
import io.openloop.ledger.messages.task.TaskCompletedEvent;
import io.openloop.ledger.messages.task.TaskDisputedEvent;
import io.openloop.ledger.messages.task.TaskExpiredEvent;
import io.openloop.ledger.messages.task.TaskFailedEvent;
import io.openloop.ledger.messages.task.TaskInputRequestedEvent;
import io.openloop.ledger.messages.task.TaskMessageType;
import io.openloop.ledger.messages.task.TaskMessageView;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskPolicyChangedEvent;
import io.openloop.ledger.messages.task.TaskRejectedEvent;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.messages.task.TaskUpdatedEvent;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the task read models: {@value TaskReadModels#TASKS} (one document per task, with its offer and contract),
 * {@value TaskReadModels#TASK_MESSAGES} (the AAP messages of every task's thread) and {@value
 * TaskReadModels#TASK_POLICIES}.
 *
 * <p>An event that carries an AAP message adds the message and changes the task; an event without one (a rejection
 * by the task policy, an expiry, the settlement, a dispute's resolution, an amendment) changes only the task.
 * Idempotent and rebuildable by replay: task documents move forward by the events' sequence numbers, messages are
 * inserted under their own ids, and task policies are replaced only by a higher policy version.
 */
@Component
@ProcessingGroup(TaskProjection.PROCESSING_GROUP)
class TaskProjection {

    static final String PROCESSING_GROUP = "tasks";

    private static final Logger log = LoggerFactory.getLogger(TaskProjection.class);

    private final MongoCollection<Document> tasks;
    private final MongoCollection<Document> messages;
    private final TaskWrites writes;
    private final TaskPolicies policies;

    TaskProjection(MongoDatabase database) {
        this.tasks = database.getCollection(TaskReadModels.TASKS);
        this.messages = database.getCollection(TaskReadModels.TASK_MESSAGES);
        this.writes = new TaskWrites(tasks, messages);
        this.policies = new TaskPolicies(database.getCollection(TaskReadModels.TASK_POLICIES));
        tasks.createIndexes(taskIndexes());
        messages.createIndexes(messageIndexes());
    }

    /**
     * Returns the indexes of the tasks: the unique one on exactly {@code {_id, sequence}} serves the compare-and-set
     * filter, and the others serve the listings of a loop's tasks on MongoDB. The in-process store ignores indexes that
     * are not unique.
     */
    static List<IndexModel> taskIndexes() {
        return List.of(
                new IndexModel(Indexes.ascending("_id", "sequence"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("requesterLoopId")),
                new IndexModel(Indexes.ascending("businessLoopId")));
    }

    /** Returns the indexes that serve a task's thread and a loop's inbox, newest first, on MongoDB. */
    static List<IndexModel> messageIndexes() {
        return List.of(
                new IndexModel(Indexes.ascending("taskId", "sequence")),
                new IndexModel(Indexes.compoundIndex(Indexes.ascending("toLoopId"), Indexes.descending("_id"))));
    }

    @EventHandler
    void on(TaskRequestedEvent event, @SequenceNumber long sequence) {
        writes.recordMessage(new TaskMessageView(
                event.messageId(),
                event.taskId(),
                TaskMessageType.TASK_REQUEST,
                event.requesterLoopId(),
                event.businessLoopId(),
                TaskMessageBodies.request(event.task(), event.inputs()),
                TaskState.REQUESTED,
                sequence,
                event.requestedAt()));

        Document fields = new Document("task", event.task())
                .append("requesterLoopId", event.requesterLoopId())
                .append("businessLoopId", event.businessLoopId())
                .append("state", TaskState.REQUESTED.name())
                .append("inputs", json(event.inputs()))
                .append("offer", null)
                .append("contract", null)
                .append("result", null)
                .append("proofIds", List.of())
                .append("settled", false)
                .append("resolution", null)
                .append("reason", null)
                .append("policyCode", null)
                .append("createdAt", date(event.requestedAt()))
                .append("updatedAt", date(event.requestedAt()));
        writes.createTask(event.taskId(), sequence, fields);
    }

    @EventHandler
    void on(TaskRejectedEvent event, @SequenceNumber long sequence) {
        // A rejection by the task policy has no message id, because the business sent nothing.
        if (event.messageId() != null) {
            writes.recordMessage(new TaskMessageView(
                    event.messageId(),
                    event.taskId(),
                    TaskMessageType.TASK_REJECT,
                    event.businessLoopId(),
                    event.requesterLoopId(),
                    TaskMessageBodies.reason(event.reason()),
                    TaskState.REJECTED,
                    sequence,
                    event.rejectedAt()));
        }
        writes.updateTask(
                event.taskId(),
                sequence,
                stored -> state(TaskState.REJECTED, event.rejectedAt())
                        .append("reason", event.reason())
                        .append("policyCode", event.policyCode()));
    }

    @EventHandler
    void on(OfferMadeEvent event, @SequenceNumber long sequence) {
        TaskOffer offer = event.offer();
        TaskState state = offer.counter() ? TaskState.NEGOTIATING : TaskState.OFFERED;
        String toLoopId =
                offer.fromLoopId().equals(event.businessLoopId()) ? event.requesterLoopId() : event.businessLoopId();
        writes.recordMessage(new TaskMessageView(
                event.messageId(),
                event.taskId(),
                offer.counter() ? TaskMessageType.COUNTER_OFFER : TaskMessageType.TASK_OFFER,
                offer.fromLoopId(),
                toLoopId,
                TaskMessageBodies.offer(offer),
                state,
                sequence,
                offer.madeAt()));
        writes.updateTask(
                event.taskId(),
                sequence,
                stored -> state(state, offer.madeAt()).append("offer", TaskFields.offer(offer)));
    }

    @EventHandler
    void on(OfferAcceptedEvent event, @SequenceNumber long sequence) {
        writes.recordMessage(new TaskMessageView(
                event.messageId(),
                event.taskId(),
                TaskMessageType.OFFER_ACCEPT,
                event.requesterLoopId(),
                event.businessLoopId(),
                TaskMessageBodies.accept(event.offerId(), event.price()),
                TaskState.ACCEPTED,
                sequence,
                event.acceptedAt()));
        writes.updateTask(
                event.taskId(),
                sequence,
                stored -> state(TaskState.ACCEPTED, event.acceptedAt()).append("contract", TaskFields.contract(event)));
    }

    @EventHandler
    void on(OfferDeclinedEvent event, @SequenceNumber long sequence) {
        writes.recordMessage(new TaskMessageView(
                event.messageId(),
                event.taskId(),
                TaskMessageType.OFFER_DECLINE,
                event.requesterLoopId(),
                event.businessLoopId(),
                TaskMessageBodies.reason(event.reason()),
                TaskState.CANCELLED,
                sequence,
                event.declinedAt()));
        writes.updateTask(
                event.taskId(),
                sequence,
                stored -> state(TaskState.CANCELLED, event.declinedAt()).append("reason", event.reason()));
    }

    @EventHandler
    void on(TaskUpdatedEvent event, @SequenceNumber long sequence) {
        String toLoopId =
                event.senderLoopId().equals(event.businessLoopId()) ? event.requesterLoopId() : event.businessLoopId();
        writes.recordMessage(new TaskMessageView(
                event.messageId(),
                event.taskId(),
                TaskMessageType.TASK_UPDATE,
                event.senderLoopId(),
                toLoopId,
                TaskMessageBodies.update(event.message(), event.data()),
                TaskState.IN_PROGRESS,
                sequence,
                event.updatedAt()));
        writes.updateTask(event.taskId(), sequence, stored -> state(TaskState.IN_PROGRESS, event.updatedAt()));
    }

    @EventHandler
    void on(TaskInputRequestedEvent event, @SequenceNumber long sequence) {
        writes.recordMessage(new TaskMessageView(
                event.messageId(),
                event.taskId(),
                TaskMessageType.INPUT_REQUEST,
                event.businessLoopId(),
                event.requesterLoopId(),
                TaskMessageBodies.inputRequest(event.question(), event.data()),
                TaskState.INPUT_REQUIRED,
                sequence,
                event.requestedAt()));
        writes.updateTask(event.taskId(), sequence, stored -> state(TaskState.INPUT_REQUIRED, event.requestedAt()));
    }

    @EventHandler
    void on(TaskCompletedEvent event, @SequenceNumber long sequence) {
        List<String> proofIds = event.proofIds() == null ? List.of() : event.proofIds();
        writes.recordMessage(new TaskMessageView(
                event.messageId(),
                event.taskId(),
                TaskMessageType.TASK_COMPLETE,
                event.businessLoopId(),
                event.requesterLoopId(),
                TaskMessageBodies.complete(event.result(), proofIds),
                TaskState.COMPLETED,
                sequence,
                event.completedAt()));
        writes.updateTask(
                event.taskId(),
                sequence,
                stored -> state(TaskState.COMPLETED, event.completedAt())
                        .append("result", json(event.result()))
                        .append("proofIds", proofIds));
    }

    @EventHandler
    void on(TaskFailedEvent event, @SequenceNumber long sequence) {
        writes.recordMessage(new TaskMessageView(
                event.messageId(),
                event.taskId(),
                TaskMessageType.TASK_FAIL,
                event.businessLoopId(),
                event.requesterLoopId(),
                TaskMessageBodies.reason(event.reason()),
                TaskState.FAILED,
                sequence,
                event.failedAt()));
        writes.updateTask(
                event.taskId(),
                sequence,
                stored -> state(TaskState.FAILED, event.failedAt()).append("reason", event.reason()));
    }

    @EventHandler
    void on(TaskCancelledEvent event, @SequenceNumber long sequence) {
        String toLoopId = event.cancelledByLoopId().equals(event.businessLoopId())
                ? event.requesterLoopId()
                : event.businessLoopId();
        writes.recordMessage(new TaskMessageView(
                event.messageId(),
                event.taskId(),
                TaskMessageType.TASK_CANCEL,
                event.cancelledByLoopId(),
                toLoopId,
                TaskMessageBodies.reason(event.reason()),
                TaskState.CANCELLED,
                sequence,
                event.cancelledAt()));
        writes.updateTask(
                event.taskId(),
                sequence,
                stored -> state(TaskState.CANCELLED, event.cancelledAt()).append("reason", event.reason()));
    }

    @EventHandler
    void on(TaskDisputedEvent event, @SequenceNumber long sequence) {
        writes.recordMessage(new TaskMessageView(
                event.messageId(),
                event.taskId(),
                TaskMessageType.TASK_DISPUTE,
                event.requesterLoopId(),
                event.businessLoopId(),
                TaskMessageBodies.reason(event.reason()),
                TaskState.DISPUTED,
                sequence,
                event.disputedAt()));
        writes.updateTask(event.taskId(), sequence, stored -> state(TaskState.DISPUTED, event.disputedAt()));
    }

    @EventHandler
    void on(TaskSettledEvent event, @SequenceNumber long sequence) {
        // The settlement can land after the requester disputed the completed task, which then stays DISPUTED.
        writes.updateTask(event.taskId(), sequence, stored -> {
            boolean completed = TaskState.COMPLETED.name().equals(stored.getString("state"));
            TaskState state = completed ? TaskState.SETTLED : TaskState.valueOf(stored.getString("state"));
            return state(state, event.settledAt()).append("settled", true);
        });
    }

    @EventHandler
    void on(TaskExpiredEvent event, @SequenceNumber long sequence) {
        writes.updateTask(event.taskId(), sequence, stored -> state(TaskState.EXPIRED, event.expiredAt()));
    }

    @EventHandler
    void on(DisputeResolvedEvent event, @SequenceNumber long sequence) {
        TaskState state = TaskState.valueOf(event.resolution().name());
        writes.updateTask(
                event.taskId(),
                sequence,
                stored -> state(state, event.resolvedAt())
                        .append("resolution", event.resolution().name()));
    }

    @EventHandler
    void on(ContractAmendmentProposedEvent event, @SequenceNumber long sequence) {
        Document pending = TaskFields.pendingAmendment(event);
        writes.updateTask(
                event.taskId(),
                sequence,
                stored -> changeContract(stored, sequence, event.proposedAt(), contract -> {
                    contract.put("pendingAmendment", pending);
                }));
    }

    @EventHandler
    void on(ContractAmendedEvent event, @SequenceNumber long sequence) {
        writes.updateTask(
                event.taskId(),
                sequence,
                stored -> changeContract(stored, sequence, event.amendedAt(), contract -> {
                    if (event.terms() != null) {
                        contract.put("terms", event.terms());
                    }
                    if (event.deadline() != null) {
                        contract.put("deadline", date(event.deadline()));
                    }
                    contract.put("amendments", contract.getInteger("amendments", 0) + 1);
                    contract.put("pendingAmendment", null);
                }));
    }

    @EventHandler
    void on(TaskPolicyChangedEvent event) {
        policies.replace(event);
    }

    @ResetHandler
    void reset() {
        log.info(
                "Resetting the {}, {} and {} read models before replay",
                TaskReadModels.TASKS,
                TaskReadModels.TASK_MESSAGES,
                TaskReadModels.TASK_POLICIES);
        tasks.deleteMany(new Document());
        messages.deleteMany(new Document());
        policies.clear();
    }

    /**
     * Returns the fields of a task whose contract {@code change} edits. A task without a contract is logged and only
     * its {@code updatedAt} moves. The Task aggregate accepts amendments only under contract, so the contract is
     * missing only if the collection was cleared without resetting the processor.
     */
    private static Document changeContract(Document stored, long sequence, Instant at, Consumer<Document> change) {
        Document contract = stored.get("contract", Document.class);
        if (contract == null) {
            log.warn(
                    "Task {} has no contract in {}; skipped the amendment at sequence {}",
                    stored.getString("_id"),
                    TaskReadModels.TASKS,
                    sequence);
            return new Document("updatedAt", date(at));
        }
        Document changed = new Document(contract);
        change.accept(changed);
        return new Document("contract", changed).append("updatedAt", date(at));
    }
}
