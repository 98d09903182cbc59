package io.openloop.ledger.projection.loop;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one event's changes to a document that records in {@code version} the sequence number of the last event
 * applied to it, skipping events at or below that version.
 *
 * <p>The write is compare-and-set on exactly {@code {_id, version}}, which a unique index on those two fields serves
 * on any MongoDB, the in-process store included, since that store serves a filter from an index only when the
 * filter's fields are exactly the index's fields.
 */
final class VersionedUpdates {

    private static final int MAX_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(VersionedUpdates.class);

    private final MongoCollection<Document> collection;

    VersionedUpdates(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /**
     * Sets {@code fields} and {@code version} on the document {@code id} unless it is at {@code version} or later.
     * A missing document is logged and skipped: its creating event comes first in the same sequence, so it is missing
     * only if the collection was cleared without resetting the processor.
     */
    void apply(String id, long version, Document fields) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document stored = collection.find(Filters.eq("_id", id)).first();
            if (stored == null) {
                log.warn(
                        "Document {} is not in {}; skipped the event at sequence {}",
                        id,
                        collection.getNamespace().getCollectionName(),
                        version);
                return;
            }
            long storedVersion = stored.getLong("version");
            if (storedVersion >= version) {
                return;
            }
            Document filter = new Document("_id", id).append("version", storedVersion);
            Document update = new Document("$set", new Document(fields).append("version", version));
            if (collection.updateOne(filter, update).getMatchedCount() == 1) {
                return;
            }
        }
        throw new IllegalStateException("Could not apply the event at sequence " + version + " to " + id + " in "
                + collection.getNamespace().getCollectionName() + " after " + MAX_ATTEMPTS
                + " attempts; another writer kept changing it");
    }
}
