package io.openloop.ledger.projection.task;

import com.mongodb.client.MongoCollection;
import io.openloop.ledger.messages.task.TaskMessageView;
import io.openloop.ledger.projection.VersionedDocuments;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * Writes to {@value TaskReadModels#TASKS} and {@value TaskReadModels#TASK_MESSAGES} that change nothing when an event
 * is delivered again.
 *
 * <p>A task document moves forward by the task events' sequence numbers, kept in its {@code sequence} field. A
 * message is inserted under its own id, so a second insert is a duplicate key. The two writes of one event are
 * independent, so an event delivered again after a crash between them completes the one that is missing.
 */
final class TaskWrites {

    private final VersionedDocuments tasks;
    private final VersionedDocuments messages;

    TaskWrites(MongoCollection<Document> tasks, MongoCollection<Document> messages) {
        this.tasks = new VersionedDocuments(tasks, "sequence");
        this.messages = new VersionedDocuments(messages, "sequence");
    }

    /** Inserts the document of a new task, unless the task's first event was applied before. */
    void createTask(String taskId, long sequence, Document fields) {
        Document document = new Document("_id", taskId);
        document.putAll(fields);
        document.append("sequence", sequence);
        tasks.insert(document);
    }

    /** Sets the fields that {@code change} computes from the stored task, unless the task is at {@code sequence}. */
    void updateTask(String taskId, long sequence, UnaryOperator<Document> change) {
        tasks.update(taskId, sequence, change);
    }

    /** Inserts one AAP message of a task's thread. */
    void recordMessage(TaskMessageView message) {
        Document document = new Document("_id", message.messageId())
                .append("taskId", message.taskId())
                .append("sequence", message.sequence())
                .append("type", message.type().name())
                .append("fromLoopId", message.fromLoopId())
                .append("toLoopId", message.toLoopId())
                .append("body", TaskFields.json(message.body()))
                .append("stateAfter", message.stateAfter().name())
                .append("createdAt", TaskFields.date(message.createdAt()));
        messages.insert(document);
    }
}
