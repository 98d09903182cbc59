package io.openloop.ledger.store.tokens;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static io.openloop.ledger.store.tokens.TokenDocuments.CLAIMED_AT;
import static io.openloop.ledger.store.tokens.TokenDocuments.ID;
import static io.openloop.ledger.store.tokens.TokenDocuments.OWNER;
import static io.openloop.ledger.store.tokens.TokenDocuments.tokenId;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim operations of one node on the token collection. Each is a single-document write whose filter names the
 * segment by {@code _id} and admits only the states in which this node may act, so the check and the write are one
 * atomic step on MongoDB and on mongo-java-server.
 *
 * <p>A node may claim a segment that it owns, that has no owner, or whose claim is older than the claim timeout. The
 * filters render as {@code $and}, which MongoDB serves from the {@code _id} index. mongo-java-server 1.47.0 scans the
 * collection for them instead, which stays cheap because it contains one document per segment of each processor.
 */
final class SegmentClaims {

    private static final Logger logger = LoggerFactory.getLogger(SegmentClaims.class);

    private final MongoCollection<Document> tokens;
    private final String nodeId;
    private final Duration claimTimeout;
    private final Clock clock;

    SegmentClaims(MongoCollection<Document> tokens, String nodeId, Duration claimTimeout, Clock clock) {
        this.tokens = tokens;
        this.nodeId = nodeId;
        this.claimTimeout = claimTimeout;
        this.clock = clock;
    }

    String nodeId() {
        return nodeId;
    }

    /**
     * Claims the segment and returns its document as it was before the claim, whose token the claim leaves unchanged.
     */
    Document claim(String processorName, int segment) {
        long now = clock.millis();
        Bson update = combine(set(OWNER, nodeId), set(CLAIMED_AT, now));
        // BEFORE, because mongo-java-server 1.47.0 returns the AFTER image outside its collection lock.
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);
        Document previous = tokens.findOneAndUpdate(claimableFilter(processorName, segment, now), update, options);
        if (previous == null) {
            throw failure(processorName, segment);
        }

        String previousOwner = previous.getString(OWNER);
        if (previousOwner == null) {
            logger.info("Node [{}] claimed token [{}]", nodeId, tokenId(processorName, segment));
        } else if (!previousOwner.equals(nodeId)) {
            logger.info(
                    "Node [{}] took over token [{}] from node [{}], whose claim had expired",
                    nodeId,
                    tokenId(processorName, segment),
                    previousOwner);
        }
        return previous;
    }

    /** Applies {@code tokenUpdate} and claims the segment, or raises {@link UnableToClaimTokenException}. */
    void updateClaimed(String processorName, int segment, Bson tokenUpdate) {
        long now = clock.millis();
        Bson update = combine(tokenUpdate, set(OWNER, nodeId), set(CLAIMED_AT, now));
        if (tokens.updateOne(claimableFilter(processorName, segment, now), update)
                        .getMatchedCount()
                == 0) {
            throw failure(processorName, segment);
        }
    }

    void extend(String processorName, int segment) {
        Bson update = set(CLAIMED_AT, clock.millis());
        if (tokens.updateOne(ownedFilter(processorName, segment), update).getMatchedCount() == 0) {
            throw new UnableToClaimTokenException(String.format(
                    "Unable to extend the claim on token [%s]: this node [%s] does not own it, or it does not exist",
                    tokenId(processorName, segment), nodeId));
        }
    }

    /** Releases this node's claim; logs a warning and changes nothing when another node or no node owns it. */
    void release(String processorName, int segment) {
        if (tokens.updateOne(ownedFilter(processorName, segment), set(OWNER, null))
                        .getMatchedCount()
                == 0) {
            logger.warn(
                    "Could not release the claim on token [{}]: node [{}] does not own it",
                    tokenId(processorName, segment),
                    nodeId);
            return;
        }
        logger.info("Node [{}] released its claim on token [{}]", nodeId, tokenId(processorName, segment));
    }

    void delete(String processorName, int segment) {
        if (tokens.deleteOne(ownedFilter(processorName, segment)).getDeletedCount() == 0) {
            throw new UnableToClaimTokenException(String.format(
                    "Unable to delete token [%s]: this node [%s] does not own it; claim it first",
                    tokenId(processorName, segment), nodeId));
        }
        logger.info("Node [{}] deleted token [{}]", nodeId, tokenId(processorName, segment));
    }

    /** Returns a test of segment documents, fixed at the current time, that passes those this node may claim. */
    Predicate<Document> claimableNow() {
        long expiredBefore = clock.millis() - claimTimeout.toMillis();
        return document -> {
            String owner = document.getString(OWNER);
            return owner == null || owner.equals(nodeId) || document.getLong(CLAIMED_AT) < expiredBefore;
        };
    }

    private Bson claimableFilter(String processorName, int segment, long nowMillis) {
        long expiredBefore = nowMillis - claimTimeout.toMillis();
        Bson claimable = or(eq(OWNER, nodeId), eq(OWNER, null), lt(CLAIMED_AT, expiredBefore));
        return and(eq(ID, tokenId(processorName, segment)), claimable);
    }

    private Bson ownedFilter(String processorName, int segment) {
        return and(eq(ID, tokenId(processorName, segment)), eq(OWNER, nodeId));
    }

    private UnableToClaimTokenException failure(String processorName, int segment) {
        String id = tokenId(processorName, segment);
        Document current = tokens.find(eq(ID, id)).projection(include(OWNER)).first();
        if (current == null) {
            return new UnableToClaimTokenException(String.format(
                    "Unable to claim token [%s]: it has not been initialized; initialize the processor's segments"
                            + " first",
                    id));
        }
        String owner = current.getString(OWNER);
        if (owner == null || owner.equals(nodeId)) {
            return new UnableToClaimTokenException(
                    String.format("Unable to claim token [%s]: its claim changed concurrently; retry", id));
        }
        return new UnableToClaimTokenException(String.format(
                "Unable to claim token [%s]: node [%s] owns it and its claim has not expired", id, owner));
    }
}
