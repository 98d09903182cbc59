package io.openloop.ledger.projection.trust;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.projection.RevisionedDocuments;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * Reads a loop's trust document, applies one change and writes it back compare-and-set on its {@code revision}.
 */
final class TrustScoreWrites {

    private static final int MAX_ATTEMPTS = 5;

    private final MongoCollection<Document> scores;
    private final RevisionedDocuments writes;

    TrustScoreWrites(MongoCollection<Document> scores) {
        this.scores = scores;
        this.writes = new RevisionedDocuments(scores);
    }

    /** Applies {@code change} to the loop's state and stores the result, unless the change returns false. */
    void update(String loopId, Predicate<LoopTrust> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document stored = scores.find(Filters.eq("_id", loopId)).first();
            LoopTrust trust = stored == null ? LoopTrust.empty(loopId) : LoopTrust.fromDocument(stored);
            if (!change.test(trust)) {
                return;
            }
            Long storedRevision = stored == null ? null : trust.revision();
            if (writes.write(trust.toDocument(), storedRevision)) {
                return;
            }
        }
        throw new IllegalStateException("Could not update the trust score of loop " + loopId + " after " + MAX_ATTEMPTS
                + " attempts; another writer kept changing it");
    }

    void clear() {
        scores.deleteMany(new Document());
    }
}
