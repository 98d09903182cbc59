package io.openloop.ledger.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to documents that record in a version field the sequence number of the last event applied to them, skipping
 * an event at or below that version, so a redelivered event changes nothing.
 *
 * <p>Updates are compare-and-set on exactly {@code _id} and the version field, which a unique index on those two fields
 * serves on any MongoDB, the in-process store included, since that store serves a filter from an index only when the
 * filter's fields are exactly the index's fields.
 */
public final class VersionedDocuments {

    private static final int MAX_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(VersionedDocuments.class);

    private final MongoCollection<Document> collection;
    private final String versionField;

    /**
     * Creates the writer of {@code collection}, whose documents keep the sequence number of their last event in
     * {@code versionField}.
     */
    public VersionedDocuments(MongoCollection<Document> collection, String versionField) {
        this.collection = collection;
        this.versionField = versionField;
    }

    /** Inserts {@code document}; one with the same {@code _id} is already there when the event is redelivered. */
    public void insert(Document document) {
        try {
            collection.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            log.debug("{} is already in {}; skipped", document.get("_id"), name());
        }
    }

    /**
     * Sets the fields that {@code change} computes from the stored document, and the version field to {@code version},
     * unless the document is at {@code version} or later. A missing document is logged and skipped: its creating event
     * comes first in the same aggregate's sequence, so it is missing only if the collection was cleared without
     * resetting the processor.
     */
    public void update(String id, long version, UnaryOperator<Document> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document stored = collection.find(Filters.eq("_id", id)).first();
            if (stored == null) {
                log.warn("Document {} is not in {}; skipped the event at sequence {}", id, name(), version);
                return;
            }
            long storedVersion = stored.get(versionField, Number.class).longValue();
            if (storedVersion >= version) {
                return;
            }
            Document fields = change.apply(stored).append(versionField, version);
            Document filter = new Document("_id", id).append(versionField, storedVersion);
            if (collection.updateOne(filter, new Document("$set", fields)).getMatchedCount() == 1) {
                return;
            }
        }
        throw new IllegalStateException("Could not apply the event at sequence " + version + " to " + id + " in "
                + name() + " after " + MAX_ATTEMPTS + " attempts; another writer kept changing it");
    }

    private String name() {
        return collection.getNamespace().getCollectionName();
    }
}
