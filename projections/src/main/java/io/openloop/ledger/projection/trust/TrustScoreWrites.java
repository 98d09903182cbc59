package io.openloop.ledger.projection.trust;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * Reads a loop's trust document, applies one change and writes it back compare-and-set on exactly {@code {_id,
 * revision}}, which a unique index serves on any MongoDB, the in-process store included.
 */
final class TrustScoreWrites {

    private static final int MAX_ATTEMPTS = 5;

    private final MongoCollection<Document> scores;

    TrustScoreWrites(MongoCollection<Document> scores) {
        this.scores = scores;
        scores.createIndexes(
                List.of(new IndexModel(Indexes.ascending("_id", "revision"), new IndexOptions().unique(true))));
    }

    /** Applies {@code change} to the loop's state and stores the result, unless the change returns false. */
    void update(String loopId, Predicate<LoopTrust> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document stored = scores.find(Filters.eq("_id", loopId)).first();
            LoopTrust trust = stored == null ? LoopTrust.empty(loopId) : LoopTrust.fromDocument(stored);
            if (!change.test(trust)) {
                return;
            }
            Document document = trust.toDocument();
            if (stored == null ? insert(document) : replace(loopId, trust.revision(), document)) {
                return;
            }
        }
        throw new IllegalStateException("Could not update the trust score of loop " + loopId + " after " + MAX_ATTEMPTS
                + " attempts; another writer kept changing it");
    }

    void clear() {
        scores.deleteMany(new Document());
    }

    private boolean insert(Document document) {
        try {
            scores.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    private boolean replace(String loopId, long storedRevision, Document document) {
        Document filter = new Document("_id", loopId).append("revision", storedRevision);
        return scores.replaceOne(filter, document).getMatchedCount() == 1;
    }
}
