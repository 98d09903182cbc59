package io.openloop.ledger.store.deadlines;

import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.ATTEMPTS;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.CLAIMABLE_AT;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.LAST_FAILURE;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.OWNER;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.VERSION;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.atVersion;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.scheduleId;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.version;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The writes of one node on the deadline collection. A claim, a completion and a release each change one document
 * whose filter names it by {@code _id} and the {@code version} the node read, so the check and the write are one
 * atomic step on MongoDB and on mongo-java-server, and two nodes never both win one claim. A claim's filter also
 * requires {@code claimableAt <= now}, because a document that a find returned may already show another node's claim.
 */
final class DeadlineClaims {

    private final MongoCollection<Document> deadlines;
    private final String nodeId;
    private final Duration lease;
    private final Clock clock;

    DeadlineClaims(MongoCollection<Document> deadlines, String nodeId, Duration lease, Clock clock) {
        this.deadlines = deadlines;
        this.nodeId = nodeId;
        this.lease = lease;
        this.clock = clock;
    }

    String nodeId() {
        return nodeId;
    }

    /** Returns up to {@code limit} deadlines that a node may claim now, the longest claimable first. */
    List<Document> findClaimable(int limit) {
        Bson claimable = lte(CLAIMABLE_AT, Date.from(clock.instant()));
        return deadlines
                .find(claimable)
                .sort(Sorts.ascending(CLAIMABLE_AT))
                .limit(limit)
                .into(new ArrayList<>());
    }

    /**
     * Claims the deadline for this node until the lease ends. Returns the claimed document, or {@code null} when the
     * deadline changed since {@code candidate} was read (another node claimed it, or it was cancelled) or when
     * {@code candidate} is not claimable now.
     *
     * <p>The filter checks {@code claimableAt} on the stored document instead of trusting {@code candidate}, because
     * mongo-java-server 1.47.0 updates stored documents in place and encodes a find's reply after it releases the
     * collection lock. A find can therefore return a deadline that matched its filter but already carries another
     * node's claim and the version that claim wrote, and a filter on {@code _id} and {@code version} alone would let
     * this node claim it a second time.
     */
    Document claim(Document candidate) {
        Instant now = clock.instant();
        Instant leaseEnd = now.plus(lease);
        Bson update = combine(set(OWNER, nodeId), set(CLAIMABLE_AT, Date.from(leaseEnd)), inc(VERSION, 1L));
        long version = version(candidate);
        Document claimableAtVersion =
                atVersion(scheduleId(candidate), version).append(CLAIMABLE_AT, new Document("$lte", Date.from(now)));
        if (deadlines.updateOne(claimableAtVersion, update).getMatchedCount() == 0) {
            return null;
        }

        Document claimed = new Document(candidate);
        claimed.put(OWNER, nodeId);
        claimed.put(CLAIMABLE_AT, Date.from(leaseEnd));
        claimed.put(VERSION, version + 1);
        return claimed;
    }

    /**
     * Deletes a deadline this node has claimed. Returns {@code false} when this node's claim has ended, because the
     * deadline was cancelled or the lease ended and another node claimed it.
     */
    boolean delete(Document claimed) {
        return deadlines
                        .deleteOne(atVersion(scheduleId(claimed), version(claimed)))
                        .getDeletedCount()
                == 1;
    }

    /**
     * Releases a deadline this node has claimed after a failed attempt, so that a node may claim it again after
     * {@code delay}. Returns {@code false} when this node's claim has ended.
     */
    boolean releaseForRetry(Document claimed, Duration delay, Throwable failure) {
        Bson update = combine(
                set(OWNER, null),
                set(CLAIMABLE_AT, Date.from(clock.instant().plus(delay))),
                set(LAST_FAILURE, rootCause(failure).getClass().getName()),
                inc(ATTEMPTS, 1),
                inc(VERSION, 1L));
        return deadlines
                        .updateOne(atVersion(scheduleId(claimed), version(claimed)), update)
                        .getMatchedCount()
                == 1;
    }

    /** Returns the innermost cause, because Axon wraps a handler's exception in its own invocation exceptions. */
    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
