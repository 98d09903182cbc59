package io.openloop.ledger.projection.invocation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to the invocation log that stay correct when an event is delivered again and when credit events and
 * invocation events of one invocation are handled in either order, by different processor segments.
 *
 * <p>Invocation events are applied compare-and-set on exactly {@code {_id, sequence}}, which a unique index serves on
 * any MongoDB, the in-process store included. Credit fields are plain {@code $set}s of absolute values, so they commute
 * with everything else and with themselves.
 */
final class InvocationLogWrites {

    private static final int MAX_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(InvocationLogWrites.class);

    private final MongoCollection<Document> invocations;

    InvocationLogWrites(MongoCollection<Document> invocations) {
        this.invocations = invocations;
    }

    /**
     * Records the invocation's first event: inserts its document, or fills in a placeholder that credit events
     * created. Does nothing when the document already has this event or a later one.
     */
    void create(String invocationId, long sequence, Document fields) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document stored = invocations.find(Filters.eq("_id", invocationId)).first();
            if (stored == null) {
                Document document = new Document("_id", invocationId).append("sequence", sequence);
                document.putAll(fields);
                if (insert(document)) {
                    return;
                }
                continue;
            }
            if (compareAndSet(invocationId, stored, sequence, fields)) {
                return;
            }
        }
        throw contention(invocationId, sequence);
    }

    /**
     * Applies a later event's fields, which {@code fields} derives from the stored document, unless the document
     * already has this event or a later one. A document without its first event is logged and skipped: that event
     * comes earlier in the same sequence, so it is missing only if the collection was cleared without resetting the
     * processor.
     */
    void update(String invocationId, long sequence, Function<Document, Document> fields) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document stored = invocations.find(Filters.eq("_id", invocationId)).first();
            if (stored == null || stored.getLong("sequence") == InvocationReadModels.NO_INVOCATION_EVENT) {
                log.warn(
                        "Invocation {} has no first event in {}; skipped the event at sequence {}",
                        invocationId,
                        InvocationReadModels.INVOCATIONS,
                        sequence);
                return;
            }
            if (compareAndSet(invocationId, stored, sequence, fields.apply(stored))) {
                return;
            }
        }
        throw contention(invocationId, sequence);
    }

    /** Returns true when the event is applied now or was applied before, false when another writer got in first. */
    private boolean compareAndSet(String invocationId, Document stored, long sequence, Document fields) {
        long storedSequence = stored.getLong("sequence");
        if (storedSequence >= sequence) {
            return true;
        }
        Document filter = new Document("_id", invocationId).append("sequence", storedSequence);
        Document update = new Document("$set", new Document(fields).append("sequence", sequence));
        return invocations.updateOne(filter, update).getMatchedCount() == 1;
    }

    private static IllegalStateException contention(String invocationId, long sequence) {
        return new IllegalStateException("Could not apply the event at sequence " + sequence + " to invocation "
                + invocationId + " after " + MAX_ATTEMPTS + " attempts; another writer kept changing it");
    }

    /** Sets credit fields on the invocation's document, creating a placeholder when its events have not arrived. */
    void applyCreditFields(String invocationId, Document fields) {
        Document update = new Document("$set", fields)
                .append("$setOnInsert", new Document("sequence", InvocationReadModels.NO_INVOCATION_EVENT));
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                invocations.updateOne(Filters.eq("_id", invocationId), update, new UpdateOptions().upsert(true));
                return;
            } catch (MongoWriteException e) {
                // Two upserts of a missing document can race; the loser finds the document on its next attempt.
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                log.debug("Upsert of invocation {} raced with another write; retrying", invocationId);
            }
        }
        throw new IllegalStateException(
                "Could not set credit fields on invocation " + invocationId + " after " + MAX_ATTEMPTS + " attempts");
    }

    private boolean insert(Document document) {
        try {
            invocations.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }
}
