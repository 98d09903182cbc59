package io.openloop.ledger.store.events;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * Hands out global positions from the counter document {@code {_id: <name>, next: N}}.
 *
 * <p>Positions are allocated with {@code $inc} and the document as it was BEFORE the update: mongo-java-server 1.47.0
 * hands out the same value twice to concurrent callers when asked for the document AFTER the update, because it reads
 * the stored document after releasing the collection lock.
 */
final class PositionCounter {

    private static final String NEXT = "next";

    private final MongoCollection<Document> sequences;
    private final String counterId;

    PositionCounter(MongoCollection<Document> sequences, String counterId) {
        this.sequences = sequences;
        this.counterId = counterId;
    }

    /** Creates the counter document at 0 unless it exists. */
    void ensureExists() {
        try {
            sequences.updateOne(eq("_id", counterId), Updates.setOnInsert(NEXT, 0L), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // Another node created it between our lookup and insert.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Allocates {@code count} consecutive positions and returns the first. */
    long allocate(int count) {
        Document before = sequences.findOneAndUpdate(
                eq("_id", counterId),
                Updates.inc(NEXT, (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        return before == null ? 0 : ((Number) before.get(NEXT)).longValue();
    }

    /** Returns the next position the counter will hand out; every lower position is allocated. */
    long peekNext() {
        Document counter = sequences.find(eq("_id", counterId)).first();
        return counter == null ? 0 : ((Number) counter.get(NEXT)).longValue();
    }
}
