package io.openloop.ledger.projection.tool;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one event to a tool document that records in {@code version} the sequence number of the last event applied
 * to it, skipping events at or below that version. The write is compare-and-set on exactly {@code {_id, version}},
 * which a unique index on those two fields serves on any MongoDB, the in-process store included.
 */
final class ToolDocumentUpdates {

    private static final int MAX_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(ToolDocumentUpdates.class);

    private final MongoCollection<Document> collection;

    ToolDocumentUpdates(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /**
     * Sets the fields that {@code change} computes from the stored document, and {@code version}, unless the document
     * is at {@code version} or later. A missing document is logged and skipped: the tool's first event creates it.
     */
    void apply(String id, long version, UnaryOperator<Document> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document stored = collection.find(Filters.eq("_id", id)).first();
            if (stored == null) {
                log.warn("Tool {} is not in the read model; skipped the event at sequence {}", id, version);
                return;
            }
            long storedVersion = stored.get("version", Number.class).longValue();
            if (storedVersion >= version) {
                return;
            }
            Document fields = change.apply(stored).append("version", version);
            Document filter = new Document("_id", id).append("version", storedVersion);
            if (collection.updateOne(filter, new Document("$set", fields)).getMatchedCount() == 1) {
                return;
            }
        }
        throw new IllegalStateException("Could not apply the event at sequence " + version + " to tool " + id
                + " after " + MAX_ATTEMPTS + " attempts; another writer kept changing it");
    }
}
