package io.openloop.ledger.api.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@value #COLLECTION} collection: one document per principal and key, with {@code _id} the SHA-256 of both.
 *
 * <p>Every write touches one document by {@code _id}, so it is atomic on a standalone MongoDB and on the embedded
 * store alike. The unique {@code _id} decides which of two concurrent requests executes. All calls block, so callers
 * run them off the event loop.
 */
@Component
class IdempotencyStore {

    static final String COLLECTION = "idempotency";

    private final MongoCollection<Document> collection;
    private final Clock clock;
    private final Duration retention;

    IdempotencyStore(
            MongoDatabase database, Clock clock, @Value("${openloop.idempotency.retention:PT24H}") Duration retention) {
        this.collection = database.getCollection(COLLECTION);
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Inserts a pending record for a request about to execute.
     *
     * @return true when this request claimed the key, false when a record with this id already exists
     */
    boolean claim(String id, String fingerprint, String claim) {
        Instant now = clock.instant();
        Document pending = new Document("_id", id)
                .append("fingerprint", fingerprint)
                .append("state", IdempotencyRecord.STATE_PENDING)
                .append("claim", claim)
                .append("createdAt", Date.from(now))
                .append("expiresAt", Date.from(now.plus(retention)));
        try {
            collection.insertOne(pending);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Returns the record with this id, or null when there is none. */
    IdempotencyRecord find(String id) {
        Document document = collection.find(Filters.eq("_id", id)).first();
        return document == null ? null : IdempotencyRecord.fromDocument(document);
    }

    /**
     * Stores the response of the claiming request and keeps the record for the retention period from now.
     *
     * @return false when the record no longer belongs to {@code claim} (it was taken over as stale)
     */
    boolean complete(String id, String claim, StoredResponse response) {
        Instant now = clock.instant();
        Bson update = Updates.combine(
                Updates.set("state", IdempotencyRecord.STATE_COMPLETED),
                Updates.set("response", response.toDocument()),
                Updates.set("completedAt", Date.from(now)),
                Updates.set("expiresAt", Date.from(now.plus(retention))));
        return collection.updateOne(ownedPending(id, claim), update).getModifiedCount() == 1;
    }

    /** Deletes the pending record of {@code claim}, so a later request with the same key executes again. */
    boolean release(String id, String claim) {
        return collection.deleteOne(ownedPending(id, claim)).getDeletedCount() == 1;
    }

    /** Deletes every record whose {@code expiresAt} has passed and returns how many it deleted. */
    long deleteExpired() {
        return collection
                .deleteMany(Filters.lt("expiresAt", Date.from(clock.instant())))
                .getDeletedCount();
    }

    /**
     * Creates the TTL index on {@code expiresAt}, with which MongoDB deletes expired records by itself. The embedded
     * store (mongo-java-server 1.47.0) accepts the request but ignores the index, so {@link #deleteExpired()} also
     * runs on a schedule.
     */
    void createExpiryIndex() {
        collection.createIndex(
                Indexes.ascending("expiresAt"),
                new IndexOptions().name("expiresAt_ttl").expireAfter(0L, TimeUnit.SECONDS));
    }

    private static Bson ownedPending(String id, String claim) {
        return Filters.and(
                Filters.eq("_id", id),
                Filters.eq("state", IdempotencyRecord.STATE_PENDING),
                Filters.eq("claim", claim));
    }
}
