package io.openloop.ledger.store.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.store.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour of {@link MongoTokenStore} as Axon's processors rely on it, with two stores playing two nodes on one
 * database. Subclasses choose the server.
 */
abstract class MongoTokenStoreContract {

    static final String PROCESSOR = "ledger-projection";
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    final Serializer serializer = JacksonSerializer.defaultSerializer();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    MongoDatabase database;
    MongoTokenStore nodeA;
    MongoTokenStore nodeB;

    /** Returns a database that no other test uses. */
    protected abstract MongoDatabase newDatabase();

    @BeforeEach
    void createNodes() {
        database = newDatabase();
        nodeA = store("node-a");
        nodeB = store("node-b");
        nodeA.createIndexes();
    }

    MongoTokenStore store(String nodeId) {
        return MongoTokenStore.builder()
                .database(database)
                .serializer(serializer)
                .nodeId(nodeId)
                .claimTimeout(CLAIM_TIMEOUT)
                .clock(clock)
                .build();
    }

    @Test
    void initializeTokenSegmentsCreatesUnclaimedSegments() {
        nodeA.initializeTokenSegments(PROCESSOR, 3);

        assertThat(nodeB.fetchSegments(PROCESSOR)).containsExactly(0, 1, 2);
        assertThat(segmentIds(nodeB.fetchAvailableSegments(PROCESSOR))).containsExactly(0, 1, 2);
    }

    @Test
    void storedTokensAreReadWithoutClaiming() {
        nodeA.retrieveStorageIdentifier();
        nodeA.initializeTokenSegments(PROCESSOR, 2);
        nodeA.initializeTokenSegments("other-projection", 1, new GlobalSequenceTrackingToken(3));
        TrackingToken handled = GapAwareTrackingToken.newInstance(7, List.of());
        nodeA.storeToken(handled, PROCESSOR, 0);
        nodeA.releaseClaim(PROCESSOR, 0);

        Map<String, Map<Integer, TrackingToken>> stored = nodeB.storedTokens();

        assertThat(stored).containsOnlyKeys(PROCESSOR, "other-projection");
        assertThat(stored.get(PROCESSOR)).containsEntry(0, handled);
        assertThat(stored.get(PROCESSOR)).containsEntry(1, null);
        assertThat(stored.get("other-projection")).containsEntry(0, new GlobalSequenceTrackingToken(3));
        assertThat(segmentIds(nodeA.fetchAvailableSegments(PROCESSOR))).containsExactly(0, 1);
    }

    @Test
    void initialTokenIsStoredInEverySegment() {
        TrackingToken initial = new GlobalSequenceTrackingToken(41);

        nodeA.initializeTokenSegments(PROCESSOR, 2, initial);

        assertThat(nodeA.fetchToken(PROCESSOR, 0)).isEqualTo(initial);
        assertThat(nodeB.fetchToken(PROCESSOR, 1)).isEqualTo(initial);
    }

    @Test
    void initializeTokenSegmentsWithoutTokenStoresNullToken() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);

        assertThat(nodeA.fetchToken(PROCESSOR, 0)).isNull();
    }

    @Test
    void initializeTokenSegmentsRejectsProcessorWithSegments() {
        nodeA.initializeTokenSegments(PROCESSOR, 2);

        assertThatThrownBy(() -> nodeB.initializeTokenSegments(PROCESSOR, 2))
                .isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void initializeTokenSegmentsStoresBalancedMasks() {
        nodeA.initializeTokenSegments("four", 4);
        nodeA.initializeTokenSegments("three", 3);

        assertThat(storedMasks("four")).isEqualTo(Map.of(0, 3, 1, 3, 2, 3, 3, 3));
        assertThat(storedMasks("three")).isEqualTo(Map.of(0, 3, 1, 1, 2, 3));
    }

    /**
     * Two nodes claim the same segment from two threads released together, 100 times. Even rounds start from an
     * unclaimed segment, odd rounds from an expired claim of a third node. Each round must have exactly one winner, and
     * the stored owner must be that winner.
     */
    @Test
    void concurrentClaimsHaveOneWinnerEach() throws Exception {
        int rounds = 100;
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        MongoTokenStore nodeC = store("node-c");
        AtomicIntegerArray winCounts = new AtomicIntegerArray(rounds);
        AtomicReferenceArray<String> winners = new AtomicReferenceArray<>(rounds);
        AtomicReferenceArray<String> storedOwners = new AtomicReferenceArray<>(rounds);
        AtomicInteger round = new AtomicInteger();
        Map<String, MongoTokenStore> nodes = Map.of("node-a", nodeA, "node-b", nodeB);

        Runnable finishRound = () -> {
            int finished = round.getAndIncrement();
            storedOwners.set(finished, storedOwner(PROCESSOR, 0));
            nodes.values().forEach(node -> node.releaseClaim(PROCESSOR, 0));
            if ((finished + 1) % 2 == 1) {
                nodeC.fetchToken(PROCESSOR, 0);
                clock.advance(CLAIM_TIMEOUT.plusMillis(1));
            }
        };
        CyclicBarrier start = new CyclicBarrier(2);
        CyclicBarrier end = new CyclicBarrier(2, finishRound);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> racers = new ArrayList<>();
            for (MongoTokenStore node : nodes.values()) {
                racers.add(threads.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        start.await(30, TimeUnit.SECONDS);
                        try {
                            node.fetchToken(PROCESSOR, 0);
                            winCounts.incrementAndGet(r);
                            winners.set(r, node.nodeId());
                        } catch (UnableToClaimTokenException lost) {
                            // The other node won this round.
                        }
                        end.await(30, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (Future<?> racer : racers) {
                racer.get(5, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }

        List<Integer> roundsWithoutSingleWinner = new ArrayList<>();
        List<Integer> roundsWithOtherStoredOwner = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            if (winCounts.get(r) != 1) {
                roundsWithoutSingleWinner.add(r);
            } else if (!winners.get(r).equals(storedOwners.get(r))) {
                roundsWithOtherStoredOwner.add(r);
            }
        }
        assertThat(round.get()).isEqualTo(rounds);
        assertThat(roundsWithoutSingleWinner).isEmpty();
        assertThat(roundsWithOtherStoredOwner).isEmpty();
    }

    @Test
    void fetchTokenOfUninitializedSegmentIsRejected() {
        assertThatThrownBy(() -> nodeA.fetchToken(PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("not been initialized");
    }

    @Test
    void claimedSegmentIsRejectedForOtherNode() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);

        assertThatThrownBy(() -> nodeB.fetchToken(PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("node-a");
    }

    @Test
    void ownerFetchesItsClaimedSegmentAgain() {
        nodeA.initializeTokenSegments(PROCESSOR, 1, new GlobalSequenceTrackingToken(7));
        nodeA.fetchToken(PROCESSOR, 0);

        assertThat(nodeA.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(7));
    }

    @Test
    void claimAtTimeoutIsNotTakenOver() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);

        clock.advance(CLAIM_TIMEOUT);

        assertThatThrownBy(() -> nodeB.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void claimOlderThanTimeoutIsTakenOver() {
        nodeA.initializeTokenSegments(PROCESSOR, 1, new GlobalSequenceTrackingToken(3));
        nodeA.fetchToken(PROCESSOR, 0);

        clock.advance(CLAIM_TIMEOUT.plusMillis(1));

        assertThat(nodeB.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(3));
        assertThat(storedOwner(PROCESSOR, 0)).isEqualTo("node-b");
    }

    @Test
    void formerOwnerLosesSegmentAfterTakeover() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);
        clock.advance(CLAIM_TIMEOUT.plusMillis(1));
        nodeB.fetchToken(PROCESSOR, 0);

        assertThatThrownBy(() -> nodeA.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> nodeA.storeToken(new GlobalSequenceTrackingToken(9), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> nodeA.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void extendClaimKeepsClaimFresh() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);
        clock.advance(Duration.ofSeconds(8));

        nodeA.extendClaim(PROCESSOR, 0);
        clock.advance(Duration.ofSeconds(8));

        assertThatThrownBy(() -> nodeB.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void extendClaimWithoutClaimIsRejected() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);

        assertThatThrownBy(() -> nodeA.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void releaseClaimLetsOtherNodeClaimAtOnce() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);

        nodeA.releaseClaim(PROCESSOR, 0);

        assertThat(storedOwner(PROCESSOR, 0)).isNull();
        assertThat(nodeB.fetchToken(PROCESSOR, 0)).isNull();
        assertThat(storedOwner(PROCESSOR, 0)).isEqualTo("node-b");
    }

    @Test
    void releaseClaimByOtherNodeKeepsClaim() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        nodeA.fetchToken(PROCESSOR, 0);

        nodeB.releaseClaim(PROCESSOR, 0);

        assertThat(storedOwner(PROCESSOR, 0)).isEqualTo("node-a");
    }

    @Test
    void storeTokenClaimsUnclaimedSegment() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);

        nodeA.storeToken(new GlobalSequenceTrackingToken(5), PROCESSOR, 0);

        assertThat(storedOwner(PROCESSOR, 0)).isEqualTo("node-a");
        assertThatThrownBy(() -> nodeB.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void storeTokenInPrepareCommitWritesInCommitPhase() {
        nodeA.initializeTokenSegments(PROCESSOR, 1, new GlobalSequenceTrackingToken(1));
        nodeA.fetchToken(PROCESSOR, 0);
        AtomicReference<TrackingToken> seenByLaterHandler = new AtomicReference<>();

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onPrepareCommit(u -> nodeA.storeToken(new GlobalSequenceTrackingToken(7), PROCESSOR, 0));
        unitOfWork.onPrepareCommit(u -> seenByLaterHandler.set(nodeA.fetchToken(PROCESSOR, 0)));
        unitOfWork.commit();

        assertThat(seenByLaterHandler.get()).isEqualTo(new GlobalSequenceTrackingToken(1));
        assertThat(nodeA.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(7));
    }

    @Test
    void storeTokenIsSkippedWhenLaterPrepareCommitFails() {
        nodeA.initializeTokenSegments(PROCESSOR, 1, new GlobalSequenceTrackingToken(1));
        nodeA.fetchToken(PROCESSOR, 0);

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onPrepareCommit(u -> nodeA.storeToken(new GlobalSequenceTrackingToken(7), PROCESSOR, 0));
        unitOfWork.onPrepareCommit(u -> {
            throw new IllegalStateException("saga write failed");
        });

        assertThatThrownBy(unitOfWork::commit).isInstanceOf(IllegalStateException.class);
        assertThat(nodeA.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(1));
    }

    @Test
    void storeTokenOfForeignClaimIsRejected() {
        nodeA.initializeTokenSegments(PROCESSOR, 1, new GlobalSequenceTrackingToken(1));
        nodeA.fetchToken(PROCESSOR, 0);

        assertThatThrownBy(() -> nodeB.storeToken(new GlobalSequenceTrackingToken(99), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThat(nodeA.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(1));
    }

    @Test
    void storeTokenOfUninitializedSegmentIsRejected() {
        assertThatThrownBy(() -> nodeA.storeToken(new GlobalSequenceTrackingToken(1), PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("not been initialized");
    }

    @Test
    void gapAwareTokenWithGapsRoundTrips() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(100, List.of(93L, 97L, 99L));
        nodeA.initializeTokenSegments(PROCESSOR, 1);

        nodeA.storeToken(token, PROCESSOR, 0);
        TrackingToken fetched = nodeA.fetchToken(PROCESSOR, 0);

        assertThat(fetched).isEqualTo(token);
        assertThat(((GapAwareTrackingToken) fetched).getGaps()).containsExactly(93L, 97L, 99L);
    }

    @Test
    void replayTokenRoundTrips() {
        TrackingToken tokenAtReset = GapAwareTrackingToken.newInstance(100, List.of(93L));
        TrackingToken replay =
                ReplayToken.createReplayToken(tokenAtReset, GapAwareTrackingToken.newInstance(10, List.of()));
        nodeA.initializeTokenSegments(PROCESSOR, 1);

        nodeA.storeToken(replay, PROCESSOR, 0);
        TrackingToken fetched = nodeA.fetchToken(PROCESSOR, 0);

        assertThat(fetched).isInstanceOf(ReplayToken.class);
        assertThat(fetched).isEqualTo(replay);
        assertThat(((ReplayToken) fetched).getTokenAtReset()).isEqualTo(tokenAtReset);
    }

    @Test
    void nullTokenRoundTrips() {
        nodeA.initializeTokenSegments(PROCESSOR, 1, new GlobalSequenceTrackingToken(4));

        nodeA.storeToken(null, PROCESSOR, 0);

        assertThat(nodeA.fetchToken(PROCESSOR, 0)).isNull();
    }

    @Test
    void splitCreatesTwoHalvesWithWiderMasks() {
        TrackingToken token = new GlobalSequenceTrackingToken(12);
        nodeA.initializeTokenSegments(PROCESSOR, 1, token);
        nodeA.fetchToken(PROCESSOR, Segment.ROOT_SEGMENT);
        Segment[] halves = Segment.ROOT_SEGMENT.split();

        nodeA.initializeSegment(token, PROCESSOR, halves[1].getSegmentId());
        nodeA.storeToken(token, PROCESSOR, halves[0].getSegmentId());

        assertThat(nodeA.fetchSegments(PROCESSOR)).containsExactly(0, 1);
        assertThat(nodeA.fetchAvailableSegments(PROCESSOR)).containsExactly(halves[0], halves[1]);
        assertThat(storedMasks(PROCESSOR)).isEqualTo(Map.of(0, 1, 1, 1));
        assertThat(nodeB.fetchToken(PROCESSOR, halves[1])).isEqualTo(token);
    }

    @Test
    void fetchTokenOfSplitSegmentIsRejected() {
        nodeA.initializeTokenSegments(PROCESSOR, 1);
        Segment staleView = nodeB.fetchAvailableSegments(PROCESSOR).get(0);
        nodeA.fetchToken(PROCESSOR, Segment.ROOT_SEGMENT);
        nodeA.initializeSegment(null, PROCESSOR, 1);
        nodeA.releaseClaim(PROCESSOR, 0);

        assertThatThrownBy(() -> nodeB.fetchToken(PROCESSOR, staleView))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("split");
        assertThat(storedOwner(PROCESSOR, 0)).isNull();
    }

    @Test
    void mergeDeletesSiblingAndNarrowsMask() {
        TrackingToken token = new GlobalSequenceTrackingToken(20);
        nodeA.initializeTokenSegments(PROCESSOR, 2, token);
        List<Segment> segments = nodeA.fetchAvailableSegments(PROCESSOR);
        nodeA.fetchToken(PROCESSOR, segments.get(0));
        nodeA.fetchToken(PROCESSOR, segments.get(1));

        nodeA.deleteToken(PROCESSOR, 1);
        nodeA.storeToken(token, PROCESSOR, 0);

        assertThat(nodeA.fetchSegments(PROCESSOR)).containsExactly(0);
        assertThat(nodeA.fetchAvailableSegments(PROCESSOR)).containsExactly(Segment.ROOT_SEGMENT);
        assertThat(storedMasks(PROCESSOR)).isEqualTo(Map.of(0, 0));
    }

    @Test
    void fetchTokenOfMergedSegmentIsRejected() {
        nodeA.initializeTokenSegments(PROCESSOR, 2);
        Segment staleView = nodeB.fetchAvailableSegments(PROCESSOR).get(0);
        nodeA.fetchToken(PROCESSOR, 0);
        nodeA.fetchToken(PROCESSOR, 1);
        nodeA.deleteToken(PROCESSOR, 1);
        nodeA.releaseClaim(PROCESSOR, 0);

        assertThatThrownBy(() -> nodeB.fetchToken(PROCESSOR, staleView))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("merged");
        assertThat(storedOwner(PROCESSOR, 0)).isNull();
    }

    @Test
    void deleteTokenWithoutClaimIsRejected() {
        nodeA.initializeTokenSegments(PROCESSOR, 2);
        nodeA.fetchToken(PROCESSOR, 1);

        assertThatThrownBy(() -> nodeB.deleteToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> nodeB.deleteToken(PROCESSOR, 1)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(nodeA.fetchSegments(PROCESSOR)).containsExactly(0, 1);
    }

    @Test
    void initializeSegmentOfExistingSegmentIsRejected() {
        nodeA.initializeTokenSegments(PROCESSOR, 2);

        assertThatThrownBy(() -> nodeB.initializeSegment(null, PROCESSOR, 1))
                .isInstanceOf(UnableToInitializeTokenException.class);
    }

    @Test
    void fetchAvailableSegmentsSkipsForeignClaims() {
        nodeA.initializeTokenSegments(PROCESSOR, 3);
        nodeA.fetchToken(PROCESSOR, 1);

        assertThat(segmentIds(nodeB.fetchAvailableSegments(PROCESSOR))).containsExactly(0, 2);
        assertThat(segmentIds(nodeA.fetchAvailableSegments(PROCESSOR))).containsExactly(0, 1, 2);
    }

    @Test
    void fetchAvailableSegmentsIncludesExpiredClaims() {
        nodeA.initializeTokenSegments(PROCESSOR, 3);
        nodeA.fetchToken(PROCESSOR, 1);

        clock.advance(CLAIM_TIMEOUT.plusMillis(1));

        assertThat(segmentIds(nodeB.fetchAvailableSegments(PROCESSOR))).containsExactly(0, 1, 2);
    }

    @Test
    void fetchAvailableSegmentsComputesMasksFromAllSegments() {
        nodeA.initializeTokenSegments(PROCESSOR, 3);
        nodeA.fetchToken(PROCESSOR, 1);

        assertThat(nodeB.fetchAvailableSegments(PROCESSOR))
                .containsExactly(Segment.computeSegment(0, 0, 1, 2), Segment.computeSegment(2, 0, 1, 2));
    }

    @Test
    void fetchSegmentsOfUnknownProcessorIsEmpty() {
        assertThat(nodeA.fetchSegments("unknown")).isEmpty();
    }

    @Test
    void fetchSegmentsIsSortedAscending() {
        nodeA.initializeSegment(null, PROCESSOR, 2);
        nodeA.initializeSegment(null, PROCESSOR, 0);
        nodeA.initializeSegment(null, PROCESSOR, 1);

        assertThat(nodeA.fetchSegments(PROCESSOR)).containsExactly(0, 1, 2);
    }

    @Test
    void processorsWithSlashInNameKeepSeparateSegments() {
        nodeA.initializeTokenSegments("ledger", 2);
        nodeA.initializeTokenSegments("ledger/0", 1);

        assertThat(nodeA.fetchSegments("ledger")).containsExactly(0, 1);
        assertThat(nodeA.fetchSegments("ledger/0")).containsExactly(0);
    }

    @Test
    void storageIdentifierIsSharedByNodes() {
        String fromA = nodeA.retrieveStorageIdentifier().orElseThrow();
        String fromB = nodeB.retrieveStorageIdentifier().orElseThrow();

        assertThat(fromB).isEqualTo(fromA);
        assertThat(UUID.fromString(fromA)).hasToString(fromA);
    }

    @Test
    void storageIdentifierIsNotASegment() {
        nodeA.retrieveStorageIdentifier();

        assertThat(nodeA.fetchSegments("__config")).isEmpty();
    }

    @Test
    void segmentsRequireExplicitInitialization() {
        assertThat(nodeA.requiresExplicitSegmentInitialization()).isTrue();
    }

    @Test
    void indexModelsDeclareNonUniqueProcessorNameIndex() {
        assertThat(nodeA.indexModels()).hasSize(1);
        assertThat(nodeA.indexModels().get(0).getKeys().toBsonDocument().toJson())
                .isEqualTo("{\"processorName\": 1}");
        assertThat(nodeA.indexModels().get(0).getOptions().isUnique()).isFalse();
    }

    @Test
    void createIndexesCreatesProcessorNameIndex() {
        List<String> names = new ArrayList<>();
        database.getCollection("tokens").listIndexes().forEach(index -> names.add(index.getString("name")));

        assertThat(names).contains("processorName");
    }

    @Test
    void builderRejectsMissingDatabase() {
        assertThatThrownBy(
                        () -> MongoTokenStore.builder().serializer(serializer).build())
                .isInstanceOf(AxonConfigurationException.class);
    }

    @Test
    void builderRejectsMissingSerializer() {
        assertThatThrownBy(() -> MongoTokenStore.builder().database(database).build())
                .isInstanceOf(AxonConfigurationException.class);
    }

    static List<Integer> segmentIds(List<Segment> segments) {
        return segments.stream().map(Segment::getSegmentId).toList();
    }

    Document storedDocument(String processorName, int segment) {
        return database.getCollection("tokens")
                .find(Filters.eq("_id", processorName + "/" + segment))
                .first();
    }

    String storedOwner(String processorName, int segment) {
        return storedDocument(processorName, segment).getString("owner");
    }

    Map<Integer, Integer> storedMasks(String processorName) {
        Map<Integer, Integer> masks = new TreeMap<>();
        database.getCollection("tokens")
                .find(Filters.eq("processorName", processorName))
                .forEach(d -> masks.put(d.getInteger("segment"), d.getInteger("mask")));
        return masks;
    }
}
