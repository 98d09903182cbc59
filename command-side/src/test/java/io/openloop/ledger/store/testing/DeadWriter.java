package io.openloop.ledger.store.testing;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/** A writer of the event store that takes positions from the counter and dies before it stores anything there. */
public final class DeadWriter {

    private DeadWriter() {}

    /** Takes {@code count} positions from the counter of the event store in {@code database}; returns the first. */
    public static long takePositions(MongoDatabase database, int count) {
        Document before = database.getCollection("sequences")
                .findOneAndUpdate(
                        eq("_id", "events"),
                        Updates.inc("next", (long) count),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        return before == null ? 0 : ((Number) before.get("next")).longValue();
    }
}
