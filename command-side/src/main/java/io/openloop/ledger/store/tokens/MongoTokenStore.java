package io.openloop.ledger.store.tokens;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static io.openloop.ledger.store.tokens.TokenDocuments.CLAIMED_AT;
import static io.openloop.ledger.store.tokens.TokenDocuments.CONFIG_ID;
import static io.openloop.ledger.store.tokens.TokenDocuments.ID;
import static io.openloop.ledger.store.tokens.TokenDocuments.OWNER;
import static io.openloop.ledger.store.tokens.TokenDocuments.STORAGE_ID;
import static io.openloop.ledger.store.tokens.TokenDocuments.tokenId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon {@link TokenStore} that keeps one document per processor segment in a MongoDB collection, so that several nodes
 * sharing one database divide the segments between them.
 *
 * <p>A node owns a segment while its claim is fresh: the document names the node as {@code owner} and {@code claimedAt}
 * (epoch milliseconds) is less than the claim timeout old. Every claim is a single-document {@code findOneAndUpdate}
 * whose filter admits only this node, no owner, or an expired claim, so two nodes never both win one claim, also
 * without transactions. Operations that need a claim raise {@link UnableToClaimTokenException} when another node holds
 * a fresh one or when the segment was never initialized, as Axon's JPA and JDBC token stores do. Segments must be
 * initialized explicitly.
 *
 * <p>Each document also stores its segment {@code mask}. It is rewritten whenever this store adds or deletes a segment,
 * but claims compute masks from the set of segment ids with {@link Segment#computeSegment}, so a mask left stale by a
 * crash between two writes never decides a claim.
 *
 * <p>Instances are thread-safe. Create them with {@link #builder()} and create the indexes of {@link #indexModels()}
 * once per collection, for example with {@link #createIndexes()}.
 */
public class MongoTokenStore implements TokenStore {

    private static final Logger logger = LoggerFactory.getLogger(MongoTokenStore.class);

    private final MongoCollection<Document> tokens;
    private final TokenDocuments documents;
    private final SegmentSet segments;
    private final String nodeId;
    private final Duration claimTimeout;
    private final Clock clock;
    private volatile String storageIdentifier;

    MongoTokenStore(MongoTokenStoreBuilder builder) {
        this.tokens = builder.database().getCollection(builder.collectionName());
        this.documents = new TokenDocuments(builder.serializer());
        this.segments = new SegmentSet(tokens);
        this.nodeId = builder.nodeId();
        this.claimTimeout = builder.claimTimeout();
        this.clock = builder.clock();
    }

    /** Returns a builder; the database and the serializer are required. */
    public static MongoTokenStoreBuilder builder() {
        return new MongoTokenStoreBuilder();
    }

    /**
     * Returns the indexes this store's queries rely on: {@code processorName} (not unique) serves
     * {@link #fetchSegments} and {@link #fetchAvailableSegments} on MongoDB. Claims use the {@code _id} index.
     */
    public List<IndexModel> indexModels() {
        return SegmentSet.indexModels();
    }

    /** Creates the indexes of {@link #indexModels()}; creating an index that exists already does nothing. */
    public void createIndexes() {
        tokens.createIndexes(indexModels());
    }

    /** Returns the id this store writes as the owner of the segments it claims. */
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        initializeTokenSegments(processorName, segmentCount, null);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        int[] existing = fetchSegments(processorName);
        if (existing.length > 0) {
            throw new UnableToClaimTokenException(String.format(
                    "Could not initialize segments of processor [%s]: it already has %d segments",
                    processorName, existing.length));
        }
        if (segmentCount <= 0) {
            return;
        }

        long now = clock.millis();
        List<Document> newSegments = new ArrayList<>();
        for (Segment segment : Segment.computeSegments(SegmentSet.range(segmentCount))) {
            newSegments.add(
                    documents.newSegment(processorName, segment.getSegmentId(), segment.getMask(), initialToken, now));
        }

        try {
            tokens.insertMany(newSegments);
        } catch (MongoBulkWriteException e) {
            if (isDuplicateKey(e)) {
                throw new UnableToClaimTokenException(
                        String.format(
                                "Could not initialize segments of processor [%s]: another node initialized them"
                                        + " concurrently",
                                processorName),
                        e);
            }
            throw e;
        }
        logger.info("Initialized {} segments of processor [{}]", segmentCount, processorName);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        long now = clock.millis();
        Bson update = combine(documents.tokenUpdate(token), set(OWNER, nodeId), set(CLAIMED_AT, now));
        UpdateResult result = tokens.updateOne(claimableFilter(processorName, segment, now), update);
        if (result.getMatchedCount() == 0) {
            throw claimFailure(processorName, segment);
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return documents.readToken(claim(processorName, segment));
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        Document claimed = claim(processorName, segment.getSegmentId());
        try {
            segments.verifyUnchanged(processorName, segment);
        } catch (UnableToClaimTokenException e) {
            releaseClaim(processorName, segment.getSegmentId());
            throw e;
        }
        return documents.readToken(claimed);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        UpdateResult result = tokens.updateOne(ownedFilter(processorName, segment), set(CLAIMED_AT, clock.millis()));
        if (result.getMatchedCount() == 0) {
            throw new UnableToClaimTokenException(String.format(
                    "Unable to extend the claim on token [%s]: this node [%s] does not own it, or it does not exist",
                    tokenId(processorName, segment), nodeId));
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        UpdateResult result = tokens.updateOne(ownedFilter(processorName, segment), set(OWNER, null));
        if (result.getMatchedCount() == 0) {
            logger.warn(
                    "Could not release the claim on token [{}]: node [{}] does not own it",
                    tokenId(processorName, segment),
                    nodeId);
            return;
        }
        logger.info("Node [{}] released its claim on token [{}]", nodeId, tokenId(processorName, segment));
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        try {
            tokens.insertOne(documents.newSegment(processorName, segment, 0, token, clock.millis()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new UnableToInitializeTokenException(String.format(
                        "Could not initialize token [%s]: the segment exists already",
                        tokenId(processorName, segment)));
            }
            throw e;
        }
        segments.refreshMasks(processorName);
        logger.info("Initialized token [{}]", tokenId(processorName, segment));
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        DeleteResult result = tokens.deleteOne(ownedFilter(processorName, segment));
        if (result.getDeletedCount() == 0) {
            throw new UnableToClaimTokenException(String.format(
                    "Unable to delete token [%s]: this node [%s] does not own it; claim it first",
                    tokenId(processorName, segment), nodeId));
        }
        segments.refreshMasks(processorName);
        logger.info("Node [{}] deleted token [{}]", nodeId, tokenId(processorName, segment));
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return true;
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return segments.segmentIds(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        long now = clock.millis();
        return segments.claimableSegments(processorName, document -> isClaimable(document, now));
    }

    /**
     * Returns the random id of the database behind this store, created by the first node that asks. Nodes that
     * return the same id share their tokens.
     */
    @Override
    public Optional<String> retrieveStorageIdentifier() {
        String identifier = storageIdentifier;
        if (identifier != null) {
            return Optional.of(identifier);
        }
        try {
            identifier = readOrCreateStorageIdentifier();
        } catch (MongoException e) {
            throw new UnableToRetrieveIdentifierException("Could not read or create the token storage identifier", e);
        }
        storageIdentifier = identifier;
        return Optional.of(identifier);
    }

    private String readOrCreateStorageIdentifier() {
        Bson update = setOnInsert(STORAGE_ID, UUID.randomUUID().toString());
        try {
            tokens.updateOne(eq(ID, CONFIG_ID), update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // A concurrent upsert of the same _id may lose with a duplicate key; the winner's document is read below.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document config = tokens.find(eq(ID, CONFIG_ID)).first();
        return config.getString(STORAGE_ID);
    }

    /**
     * Claims the segment for this node in one atomic update and returns the document as it was before the claim,
     * whose token the claim leaves unchanged. The filter reads the document by {@code _id}; the other conditions
     * decide whether this node may take it.
     */
    private Document claim(String processorName, int segment) {
        long now = clock.millis();
        Bson update = combine(set(OWNER, nodeId), set(CLAIMED_AT, now));
        // BEFORE, because mongo-java-server 1.47.0 returns the AFTER image outside its collection lock.
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);
        Document previous = tokens.findOneAndUpdate(claimableFilter(processorName, segment, now), update, options);
        if (previous == null) {
            throw claimFailure(processorName, segment);
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

    private Bson claimableFilter(String processorName, int segment, long nowMillis) {
        long expiredBefore = nowMillis - claimTimeout.toMillis();
        Bson claimable = or(eq(OWNER, nodeId), eq(OWNER, null), lt(CLAIMED_AT, expiredBefore));
        return and(eq(ID, tokenId(processorName, segment)), claimable);
    }

    private Bson ownedFilter(String processorName, int segment) {
        return and(eq(ID, tokenId(processorName, segment)), eq(OWNER, nodeId));
    }

    private boolean isClaimable(Document document, long nowMillis) {
        String owner = document.getString(OWNER);
        if (owner == null || owner.equals(nodeId)) {
            return true;
        }
        return document.getLong(CLAIMED_AT) < nowMillis - claimTimeout.toMillis();
    }

    private UnableToClaimTokenException claimFailure(String processorName, int segment) {
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

    private static boolean isDuplicateKey(MongoBulkWriteException e) {
        return e.getWriteErrors().stream()
                .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }
}
