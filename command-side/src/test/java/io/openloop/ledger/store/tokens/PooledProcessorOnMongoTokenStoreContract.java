package io.openloop.ledger.store.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.store.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link PooledStreamingEventProcessor} instances with different node ids share one processor's two segments
 * through {@link MongoTokenStore}, reading an in-memory Axon event store. Subclasses choose the MongoDB server.
 */
abstract class PooledProcessorOnMongoTokenStoreContract {

    private static final String PROCESSOR = "ledger-projection";
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int AGGREGATES = 16;

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Map<String, List<String>> nodesByEventId = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastPositionByNode = new ConcurrentHashMap<>();
    private final Map<String, String> aggregateByEventId = new ConcurrentHashMap<>();
    private final List<PooledStreamingEventProcessor> processors = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();

    private MongoDatabase database;
    private EmbeddedEventStore eventStore;
    private int published;

    /** Returns a database that no other test uses. */
    protected abstract MongoDatabase newDatabase();

    @BeforeEach
    void createEventStore() {
        database = newDatabase();
        eventStore = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
    }

    @AfterEach
    void stopEverything() {
        processors.forEach(PooledStreamingEventProcessor::shutDown);
        executors.forEach(ExecutorService::shutdownNow);
        eventStore.shutDown();
    }

    @Test
    void crashedNodeSegmentMovesAfterClaimTimeout() {
        CrashableTokenStore storeOfA = new CrashableTokenStore(tokenStore("node-a"));
        PooledStreamingEventProcessor nodeA = processor("node-a", storeOfA, 1);
        PooledStreamingEventProcessor nodeB = processor("node-b", tokenStore("node-b"), 2);
        List<String> firstBatch = publish(100);

        nodeA.start();
        await().atMost(PATIENCE).until(() -> nodeA.processingStatus().size() == 1);
        nodeB.start();
        await().atMost(PATIENCE).until(() -> nodeB.processingStatus().size() == 1);
        int segmentOfA = nodeA.processingStatus().keySet().iterator().next();
        Segment segmentA = Segment.computeSegment(segmentOfA, 0, 1);
        await().atMost(PATIENCE).until(() -> nodesByEventId.keySet().containsAll(firstBatch));
        // A crash right after handling, before the token is stored, would redeliver events; wait until it is stored.
        await().atMost(PATIENCE).until(() -> storedPosition(segmentOfA) >= lastPosition("node-a"));

        storeOfA.crash();
        nodeA.shutDown();
        List<String> secondBatch = publish(100);
        List<String> secondBatchOfA = secondBatch.stream()
                .filter(id -> segmentA.matches(aggregateByEventId.get(id)))
                .toList();
        List<String> secondBatchOfB =
                secondBatch.stream().filter(id -> !secondBatchOfA.contains(id)).toList();
        await().atMost(PATIENCE).until(() -> nodesByEventId.keySet().containsAll(secondBatchOfB));

        assertThat(secondBatchOfA).isNotEmpty();
        assertThat(secondBatchOfA).noneMatch(nodesByEventId::containsKey);
        assertThat(nodeB.processingStatus()).doesNotContainKey(segmentOfA);

        clock.advance(CLAIM_TIMEOUT.plusMillis(1));
        await().atMost(PATIENCE).until(() -> nodesByEventId.keySet().containsAll(secondBatchOfA));

        List<String> allEvents = new ArrayList<>(firstBatch);
        allEvents.addAll(secondBatch);
        assertThat(nodesByEventId.keySet()).containsExactlyInAnyOrderElementsOf(allEvents);
        assertThat(eventsNotHandledExactlyOnce()).isEmpty();
        assertThat(secondBatchOfA).allMatch(id -> nodesByEventId.get(id).equals(List.of("node-b")));
        assertThat(nodeB.processingStatus()).containsKey(segmentOfA);
    }

    @Test
    void twoNodesHandleEveryEventExactlyOnce() {
        PooledStreamingEventProcessor nodeA = processor("node-a", tokenStore("node-a"), 1);
        PooledStreamingEventProcessor nodeB = processor("node-b", tokenStore("node-b"), 2);

        nodeA.start();
        await().atMost(PATIENCE).until(() -> nodeA.processingStatus().size() == 1);
        nodeB.start();
        await().atMost(PATIENCE).until(() -> nodeB.processingStatus().size() == 1);
        List<String> events = publish(200);
        await().atMost(PATIENCE).until(() -> nodesByEventId.keySet().containsAll(events));

        assertThat(nodesByEventId.keySet()).containsExactlyInAnyOrderElementsOf(events);
        assertThat(eventsNotHandledExactlyOnce()).isEmpty();
        assertThat(eventsHandledBy("node-a")).isNotEmpty();
        assertThat(eventsHandledBy("node-b")).isNotEmpty();
    }

    private MongoTokenStore tokenStore(String nodeId) {
        return MongoTokenStore.builder()
                .database(database)
                .serializer(serializer)
                .nodeId(nodeId)
                .claimTimeout(CLAIM_TIMEOUT)
                .clock(clock)
                .build();
    }

    private PooledStreamingEventProcessor processor(String nodeId, TokenStore tokenStore, int maxSegments) {
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        executors.add(coordinator);
        executors.add(workers);

        EventMessageHandler handler = event -> {
            record(nodeId, event);
            return null;
        };
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(PROCESSOR)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(handler)
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(2)
                .maxClaimedSegments(maxSegments)
                .tokenClaimInterval(100)
                .batchSize(10)
                .build();
        processors.add(processor);
        return processor;
    }

    private void record(String nodeId, EventMessage<?> event) {
        nodesByEventId
                .computeIfAbsent(event.getIdentifier(), id -> new CopyOnWriteArrayList<>())
                .add(nodeId);
        if (event instanceof TrackedEventMessage<?> tracked) {
            OptionalLong position = tracked.trackingToken().position();
            position.ifPresent(p -> lastPositionByNode
                    .computeIfAbsent(nodeId, id -> new AtomicLong(-1))
                    .accumulateAndGet(p, Math::max));
        }
    }

    /** Publishes {@code count} events spread over a fixed set of aggregates and returns their ids in order. */
    private List<String> publish(int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int number = published + i;
            String aggregateId = "account-" + (number % AGGREGATES);
            DomainEventMessage<?> event =
                    new GenericDomainEventMessage<>("Account", aggregateId, number / AGGREGATES, "event-" + number);
            aggregateByEventId.put(event.getIdentifier(), aggregateId);
            events.add(event);
        }
        published += count;
        eventStore.publish(events);
        return events.stream().map(EventMessage::getIdentifier).toList();
    }

    private long lastPosition(String nodeId) {
        AtomicLong position = lastPositionByNode.get(nodeId);
        return position == null ? -1 : position.get();
    }

    private long storedPosition(int segment) {
        Document document = database.getCollection("tokens")
                .find(Filters.eq("_id", PROCESSOR + "/" + segment))
                .first();
        TrackingToken token = document == null ? null : new TokenDocuments(serializer).readToken(document);
        return token == null ? -1 : token.position().orElse(-1);
    }

    private List<String> eventsNotHandledExactlyOnce() {
        return nodesByEventId.entrySet().stream()
                .filter(entry -> entry.getValue().size() != 1)
                .map(entry -> entry.getKey() + " handled by " + entry.getValue())
                .toList();
    }

    private List<String> eventsHandledBy(String nodeId) {
        return nodesByEventId.entrySet().stream()
                .filter(entry -> entry.getValue().contains(nodeId))
                .map(Map.Entry::getKey)
                .toList();
    }
}
