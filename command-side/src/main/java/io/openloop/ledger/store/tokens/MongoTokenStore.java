package io.openloop.ledger.store.tokens;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.setOnInsert;
import static io.openloop.ledger.store.tokens.TokenDocuments.CONFIG_ID;
import static io.openloop.ledger.store.tokens.TokenDocuments.ID;
import static io.openloop.ledger.store.tokens.TokenDocuments.STORAGE_ID;
import static io.openloop.ledger.store.tokens.TokenDocuments.tokenId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon {@link TokenStore} that keeps one document per processor segment in a MongoDB collection, so that several nodes
 * sharing one database divide the segments between them.
 *
 * <p>A node owns a segment while its claim is fresh: the document names the node as {@code owner} and {@code claimedAt}
 * (epoch milliseconds) is at most the claim timeout old. Every claim is a single-document {@code findOneAndUpdate}
 * whose filter admits only this node, no owner, or an expired claim, so two nodes never both win one claim, also
 * without transactions. Operations that need a claim raise {@link UnableToClaimTokenException} when another node has
 * a fresh one or when the segment was never initialized, as Axon's JPA and JDBC token stores do: {@link #fetchToken}
 * and {@link #storeToken} claim the segment, while {@link #extendClaim} and {@link #deleteToken} require the claim.
 * Segments must be initialized explicitly.
 *
 * <p>Each document also stores its segment {@code mask}. This store rewrites it whenever it adds or deletes a segment,
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
    private final SegmentClaims claims;
    private final Clock clock;
    private volatile String storageIdentifier;

    MongoTokenStore(MongoTokenStoreBuilder builder) {
        this.tokens = builder.database().getCollection(builder.collectionName());
        this.documents = new TokenDocuments(builder.serializer());
        this.segments = new SegmentSet(tokens);
        this.claims = new SegmentClaims(tokens, builder.nodeId(), builder.claimTimeout(), builder.clock());
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
        return claims.nodeId();
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        initializeTokenSegments(processorName, segmentCount, null);
    }

    /**
     * Creates unclaimed segments {@code 0..segmentCount-1} holding {@code initialToken}, in one {@code insertMany}.
     * Raises {@link UnableToClaimTokenException} when the processor has segments already, also when another node
     * created them concurrently; Axon's processors treat that as a lost race and use the existing segments.
     */
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

    /**
     * Stores the token of a claimed segment. Called in the prepare-commit phase of a processor's unit of work, the
     * write waits for its commit phase. Axon registers the processor's token write as the first prepare-commit handler,
     * and a saga repository writes new and changed sagas in a later one. With no transaction around both, a process
     * killed between them kept the advanced token and lost the saga, so a task's settlement never ran. Stored in the
     * commit phase, the token follows every write of the batch, and a crash repeats the batch instead.
     */
    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            if (unitOfWork.phase() == UnitOfWork.Phase.PREPARE_COMMIT) {
                unitOfWork.onCommit(u -> claims.updateClaimed(processorName, segment, documents.tokenUpdate(token)));
                return;
            }
        }
        claims.updateClaimed(processorName, segment, documents.tokenUpdate(token));
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return documents.readToken(claims.claim(processorName, segment));
    }

    /**
     * Claims the segment like {@link #fetchToken(String, int)}, then releases it again and raises
     * {@link UnableToClaimTokenException} when another node split or merged it since {@code segment} was computed.
     */
    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        Document claimed = claims.claim(processorName, segment.getSegmentId());
        try {
            segments.verifyUnchanged(processorName, segment);
        } catch (UnableToClaimTokenException e) {
            claims.release(processorName, segment.getSegmentId());
            throw e;
        }
        return documents.readToken(claimed);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        claims.extend(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        claims.release(processorName, segment);
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
        claims.delete(processorName, segment);
        segments.refreshMasks(processorName);
    }

    /**
     * Reads the stored token of every segment of every processor without claiming any, for monitoring: the result
     * maps processor names to segment ids to tokens, with {@code null} for a segment that has no token yet. A token
     * read here can be older than the one a claiming node has in memory, by up to one batch.
     */
    public Map<String, Map<Integer, TrackingToken>> storedTokens() {
        Map<String, Map<Integer, TrackingToken>> stored = new TreeMap<>();
        for (Document document : tokens.find()) {
            String processorName = document.getString(TokenDocuments.PROCESSOR_NAME);
            Integer segment = document.getInteger(TokenDocuments.SEGMENT);
            if (processorName == null || segment == null) {
                continue;
            }
            stored.computeIfAbsent(processorName, name -> new TreeMap<>()).put(segment, documents.readToken(document));
        }
        return stored;
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
        return segments.claimableSegments(processorName, claims.claimableNow());
    }

    /**
     * Returns the random id of the database behind this store, created by the first node that calls this method. Nodes
     * that return the same id share their tokens.
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
        try {
            tokens.updateOne(
                    eq(ID, CONFIG_ID),
                    setOnInsert(STORAGE_ID, UUID.randomUUID().toString()),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // A concurrent upsert of the same _id may lose with a duplicate key; the winner's document is read below.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return tokens.find(eq(ID, CONFIG_ID)).first().getString(STORAGE_ID);
    }

    private static boolean isDuplicateKey(MongoBulkWriteException e) {
        return e.getWriteErrors().stream()
                .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }
}
