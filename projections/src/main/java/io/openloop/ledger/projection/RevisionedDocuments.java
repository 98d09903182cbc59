package io.openloop.ledger.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import org.bson.Document;

/**
 * Writes whole documents compare-and-set on a {@code revision} field, for read models whose documents take events from
 * several aggregates and so may be written by different processor segments at once.
 *
 * <p>The filter is exactly {@code {_id, revision}}, which the unique index created here serves on any MongoDB, the
 * in-process store included.
 */
public final class RevisionedDocuments {

    private final MongoCollection<Document> collection;

    /** Creates the writer of {@code collection} and its unique index on {@code {_id, revision}}. */
    public RevisionedDocuments(MongoCollection<Document> collection) {
        this.collection = collection;
        collection.createIndexes(
                List.of(new IndexModel(Indexes.ascending("_id", "revision"), new IndexOptions().unique(true))));
    }

    /**
     * Stores {@code document}: inserts it when {@code storedRevision} is null, otherwise replaces the document with its
     * {@code _id} that is still at {@code storedRevision}. Returns false when another writer got there first, so the
     * caller reads the document again and retries.
     */
    public boolean write(Document document, Long storedRevision) {
        if (storedRevision != null) {
            Document filter = new Document("_id", document.get("_id")).append("revision", storedRevision);
            return collection.replaceOne(filter, document).getMatchedCount() == 1;
        }
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }
}
