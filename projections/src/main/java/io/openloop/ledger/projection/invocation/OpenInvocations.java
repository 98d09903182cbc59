package io.openloop.ledger.projection.invocation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import java.util.Set;
import org.bson.Document;

/**
 * Keeps {@value InvocationReadModels#OPEN_INVOCATIONS} in step with the invocation log: an invocation is in it while
 * the log shows it awaiting approval or pending.
 *
 * <p>It copies the log's state after each invocation event rather than following the event itself, and the log moves
 * only forward, so an event delivered again leaves the entry as the latest event left it.
 */
final class OpenInvocations {

    private static final Set<String> OPEN =
            Set.of(InvocationStatus.AWAITING_APPROVAL.name(), InvocationStatus.PENDING.name());

    private final MongoCollection<Document> open;
    private final MongoCollection<Document> invocations;

    OpenInvocations(MongoCollection<Document> open, MongoCollection<Document> invocations) {
        this.open = open;
        this.invocations = invocations;
    }

    void sync(String invocationId) {
        Document stored = invocations.find(Filters.eq("_id", invocationId)).first();
        if (stored == null || !OPEN.contains(stored.getString("status"))) {
            open.deleteOne(Filters.eq("_id", invocationId));
            return;
        }
        Document entry = new Document("_id", invocationId)
                .append("status", stored.getString("status"))
                .append("loopId", stored.getString("loopId"))
                .append("publisherLoopId", stored.getString("publisherLoopId"))
                .append("toolName", stored.getString("toolName"))
                .append("executionMode", stored.getString("executionMode"));
        open.replaceOne(Filters.eq("_id", invocationId), entry, new ReplaceOptions().upsert(true));
    }

    void clear() {
        open.deleteMany(new Document());
    }
}
