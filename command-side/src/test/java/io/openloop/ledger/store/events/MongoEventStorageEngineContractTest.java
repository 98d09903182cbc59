package io.openloop.ledger.store.events;

import static com.mongodb.client.model.Filters.eq;
import static io.openloop.ledger.store.events.TestEvents.ACCOUNT;
import static io.openloop.ledger.store.events.TestEvents.credit;
import static io.openloop.ledger.store.events.TestEvents.newAccountId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.openloop.ledger.store.events.TestEvents.AmountRecorded;
import io.openloop.ledger.store.events.TestEvents.AmountRecordedV1;
import io.openloop.ledger.store.events.TestEvents.CreditsRecorded;
import io.openloop.ledger.store.events.TestEvents.HugeNumber;
import io.openloop.ledger.store.testing.DeadWriter;
import io.openloop.ledger.store.testing.RecordedQuery;
import io.openloop.ledger.store.testing.RecordingCommandListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every store the engine runs on must show. Subclasses start the store and return its connection string.
 */
abstract class MongoEventStorageEngineContractTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final long WAIT_SECONDS = 60;

    private final RecordingCommandListener commands = new RecordingCommandListener();
    private final MutableClock clock = new MutableClock();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private MongoClient client;
    private MongoDatabase database;

    /** Returns the connection string of the store under test. */
    protected abstract String connectionString();

    @BeforeEach
    void connect() {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString()))
                .addCommandListener(commands)
                .build());
        database = client.getDatabase("engine_test_" + DATABASES.incrementAndGet());
    }

    @AfterEach
    void disconnect() {
        executor.shutdownNow();
        database.drop();
        client.close();
    }

    private MongoEventStorageEngine engine() {
        return engine(builder -> {});
    }

    private MongoEventStorageEngine engine(Consumer<MongoEventStorageEngine.Builder> customizer) {
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(TestEvents.serializer())
                .clock(clock);
        customizer.accept(builder);
        return builder.build();
    }

    private static List<DomainEventMessage<?>> readStream(MongoEventStorageEngine engine, String aggregateId) {
        return engine.readEvents(aggregateId).asStream().collect(Collectors.toList());
    }

    private static List<TrackedEventMessage<?>> readFrom(MongoEventStorageEngine engine, TrackingToken token) {
        return engine.readEvents(token, false).collect(Collectors.toList());
    }

    private static TrackingToken lastToken(List<TrackedEventMessage<?>> events, TrackingToken otherwise) {
        return events.isEmpty() ? otherwise : events.get(events.size() - 1).trackingToken();
    }

    private static long positionOf(TrackedEventMessage<?> event) {
        return ((GapAwareTrackingToken) event.trackingToken()).getIndex();
    }

    /**
     * Returns the global position of an event read after {@code previous}. An event that fills a gap leaves the token's
     * index where it was and only removes that gap, so its position is the gap that the token lost.
     */
    private static long deliveredPosition(TrackingToken previous, TrackedEventMessage<?> event) {
        GapAwareTrackingToken token = (GapAwareTrackingToken) event.trackingToken();
        if (previous == null || token.getIndex() > ((GapAwareTrackingToken) previous).getIndex()) {
            return token.getIndex();
        }
        Set<Long> filled = new HashSet<>(((GapAwareTrackingToken) previous).getGaps());
        filled.removeAll(token.getGaps());
        assertThat(filled).as("gaps filled by event %s", event.getIdentifier()).hasSize(1);
        return filled.iterator().next();
    }

    private static Set<String> streamsOf(List<Document> documents) {
        return documents.stream()
                .map(document -> document.getString(CommitDocuments.STREAM))
                .collect(Collectors.toSet());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private List<Document> allEventDocuments() {
        // A full scan is fine in a test: it checks what the engine's indexed reads might miss.
        return database.getCollection("events").find().into(new ArrayList<>());
    }

    // --- streams -------------------------------------------------------------------------------------------------

    @Test
    void appendedStreamReadsBackInOrder() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();

        engine.appendEvents(credit(account, 0));
        engine.appendEvents(credit(account, 1), credit(account, 2));

        List<DomainEventMessage<?>> events = readStream(engine, account);
        assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(events).extracting(DomainEventMessage::getType).containsOnly(ACCOUNT);
        assertThat(events)
                .extracting(DomainEventMessage::getAggregateIdentifier)
                .containsOnly(account);
        assertThat(events.get(2).getPayload()).isInstanceOf(CreditsRecorded.class);
        assertThat(((CreditsRecorded) events.get(2).getPayload()).amount()).isEqualTo(102L);
        assertThat(events.get(1).getMetaData()).containsEntry("traceId", "trace-1");
    }

    @Test
    void streamReadsFromSequenceNumber() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        engine.appendEvents(credit(account, 0), credit(account, 1), credit(account, 2), credit(account, 3));

        List<DomainEventMessage<?>> events =
                engine.readEvents(account, 2).asStream().collect(Collectors.toList());

        assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(2L, 3L);
    }

    @Test
    void longStreamReadsAcrossWindows() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        int seq = 0;
        for (int commitSize : new int[] {1, 7, 40, 3, 60, 89}) {
            List<EventMessage<?>> commit = new ArrayList<>();
            for (int i = 0; i < commitSize; i++) {
                commit.add(credit(account, seq++));
            }
            engine.appendEvents(commit);
        }

        List<DomainEventMessage<?>> events = readStream(engine, account);

        assertThat(events).hasSize(200);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getSequenceNumber()).isEqualTo(i);
        }
        assertThat(engine.lastSequenceNumberFor(account)).contains(199L);
    }

    @Test
    void lastSequenceNumberForEveryStreamLength() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();

        assertThat(engine.lastSequenceNumberFor(account)).isEmpty();
        for (long seq = 0; seq < 40; seq++) {
            engine.appendEvents(credit(account, seq));
            assertThat(engine.lastSequenceNumberFor(account)).contains(seq);
        }
    }

    @Test
    void replayFollowsSequenceNotTimestamp() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        Instant base = Instant.parse("2026-03-01T10:15:30.123450Z");
        // Timestamps run backwards and differ only in the sixth fractional digit.
        List<Instant> timestamps = List.of(base.plusNanos(3000), base.plusNanos(2000), base.plusNanos(1000), base);
        for (int seq = 0; seq < timestamps.size(); seq++) {
            engine.appendEvents(credit(account, seq, timestamps.get(seq)));
        }

        List<DomainEventMessage<?>> events = readStream(engine, account);

        assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L, 3L);
        assertThat(events).extracting(EventMessage::getTimestamp).containsExactlyElementsOf(timestamps);
    }

    @Test
    void timestampsKeepNanoseconds() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        Instant timestamp = Instant.parse("2026-03-01T10:15:30.123456789Z");

        engine.appendEvents(credit(account, 0, timestamp));

        assertThat(readStream(engine, account).get(0).getTimestamp()).isEqualTo(timestamp);
    }

    // --- events outside aggregates and snapshots --------------------------------------------------------------

    @Test
    void nonAggregateEventsTrackedInOrder() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        EventMessage<?> before = GenericEventMessage.asEventMessage(new AmountRecorded("system", 1, "EUR"));
        EventMessage<?> after = GenericEventMessage.asEventMessage(new AmountRecorded("system", 2, "EUR"));

        engine.appendEvents(before, credit(account, 0), after);

        List<TrackedEventMessage<?>> tracked = readFrom(engine, null);
        assertThat(tracked)
                .extracting(EventMessage::getIdentifier)
                .containsExactly(
                        before.getIdentifier(),
                        readStream(engine, account).get(0).getIdentifier(),
                        after.getIdentifier());
        assertThat(tracked.get(2).getPayload()).isEqualTo(new AmountRecorded("system", 2, "EUR"));
    }

    @Test
    void nonAggregateEventIsItsOwnCommit() {
        MongoEventStorageEngine engine = engine();
        EventMessage<?> event = GenericEventMessage.asEventMessage(new AmountRecorded("system", 1, "EUR"));

        engine.appendEvents(event);

        Document commit = database.getCollection("events")
                .find(eq(CommitDocuments.KEYS, event.getIdentifier() + ":0"))
                .first();
        assertThat(commit).isNotNull();
        assertThat(commit.getString(CommitDocuments.STREAM)).isEqualTo(event.getIdentifier());
        assertThat(commit.get(CommitDocuments.AGGREGATE_TYPE)).isNull();
        assertThat(commit.get(CommitDocuments.FIRST_SEQ)).isEqualTo(0L);
    }

    @Test
    void snapshotKeepsOnlyTheNewest() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();

        engine.storeSnapshot(snapshot(account, 5, 500));
        engine.storeSnapshot(snapshot(account, 3, 300));
        assertThat(engine.readSnapshot(account).map(DomainEventMessage::getSequenceNumber))
                .contains(5L);

        engine.storeSnapshot(snapshot(account, 8, 800));
        DomainEventMessage<?> newest = engine.readSnapshot(account).orElseThrow();
        assertThat(newest.getSequenceNumber()).isEqualTo(8L);
        assertThat(newest.getPayload()).isEqualTo(new AmountRecorded(account, 800, "EUR"));
        assertThat(database.getCollection("snapshots").countDocuments()).isEqualTo(1L);
        assertThat(engine.readSnapshot(newAccountId())).isEmpty();
    }

    private static DomainEventMessage<?> snapshot(String account, long seq, long amount) {
        return new GenericDomainEventMessage<>(ACCOUNT, account, seq, new AmountRecorded(account, amount, "EUR"));
    }

    // --- concurrency -----------------------------------------------------------------------------------------

    @Test
    void sameSequenceWritersOneWins() throws Exception {
        String account = newAccountId();
        MongoEventStorageEngine setup = engine();
        setup.appendEvents(credit(account, 0));

        // Both writers allocate positions, then meet here, so both inserts race.
        CyclicBarrier bothAllocated = new CyclicBarrier(2);
        Consumer<List<Document>> meet = documents -> {
            if (streamsOf(documents).contains(account)) {
                try {
                    bothAllocated.await(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        MongoEventStorageEngine first = engine(builder -> builder.beforeInsert(meet));
        MongoEventStorageEngine second = engine(builder -> builder.beforeInsert(meet));
        DomainEventMessage<?> firstEvent = credit(account, 1);
        DomainEventMessage<?> secondEvent = credit(account, 1);

        Future<Throwable> firstOutcome = executor.submit(() -> outcomeOf(() -> first.appendEvents(firstEvent)));
        Future<Throwable> secondOutcome = executor.submit(() -> outcomeOf(() -> second.appendEvents(secondEvent)));
        Throwable firstFailure = get(firstOutcome);
        Throwable secondFailure = get(secondOutcome);

        assertThat(firstFailure == null ^ secondFailure == null)
                .as("exactly one writer failed")
                .isTrue();
        assertThat(firstFailure == null ? secondFailure : firstFailure).isInstanceOf(ConcurrencyException.class);

        String loser = firstFailure == null ? secondEvent.getIdentifier() : firstEvent.getIdentifier();
        String winner = firstFailure == null ? firstEvent.getIdentifier() : secondEvent.getIdentifier();
        assertThat(readStream(engine(), account))
                .extracting(EventMessage::getIdentifier)
                .endsWith(winner)
                .doesNotContain(loser);
        assertThat(allEventDocuments().toString()).doesNotContain(loser);
        assertThat(readFrom(engine(), null))
                .extracting(EventMessage::getIdentifier)
                .doesNotContain(loser);
    }

    @Test
    void failedCommitVoidsItsPositions() throws Exception {
        String account = newAccountId();
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(credit(account, 0), credit(account, 1));

        assertThatThrownBy(() -> engine.appendEvents(credit(account, 1), credit(account, 2)))
                .isInstanceOf(ConcurrencyException.class);

        List<Document> voids =
                allEventDocuments().stream().filter(CommitDocuments::isVoid).toList();
        assertThat(voids)
                .extracting(document -> document.get(CommitDocuments.VOID))
                .containsOnly("aborted");
        assertThat(voids).extracting(CommitDocuments::firstPosition).containsExactlyInAnyOrder(2L, 3L);
    }

    @Test
    void counterBehindStoreRetriesAtNewPositions() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        engine.appendEvents(credit(account, 0), credit(account, 1), credit(account, 2));
        resetCounter(0);

        engine.appendEvents(credit(account, 3));

        assertThat(readStream(engine, account)).hasSize(4);
        List<TrackedEventMessage<?>> tracked = readFrom(engine, null);
        assertThat(tracked).hasSize(4);
        assertThat(positionOf(tracked.get(3))).isEqualTo(3L);
    }

    @Test
    void counterFarBehindFailsWithClearMessage() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        List<EventMessage<?>> commit = new ArrayList<>();
        for (int seq = 0; seq < 10; seq++) {
            commit.add(credit(account, seq));
        }
        engine.appendEvents(commit);
        resetCounter(0);

        assertThatThrownBy(() -> engine.appendEvents(credit(account, 10)))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("position counter may be behind");
        assertThat(readStream(engine, account)).hasSize(10);
    }

    /** Sets the position counter as a store restored from an older backup of the counter would have it. */
    private void resetCounter(long next) {
        database.getCollection("sequences").updateOne(eq("_id", "events"), Updates.set("next", next));
    }

    @Test
    void insertWithUnknownOutcomeVoidsItsPositions() {
        String account = newAccountId();
        String failing = newAccountId();
        MongoEventStorageEngine engine = engine(builder -> builder.beforeInsert(documents -> {
            if (streamsOf(documents).contains(failing)) {
                throw new com.mongodb.MongoSocketWriteException(
                        "connection lost",
                        new com.mongodb.ServerAddress("127.0.0.1"),
                        new java.io.IOException("reset"));
            }
        }));

        assertThatThrownBy(() -> engine.appendEvents(credit(failing, 0)))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining(failing);
        engine.appendEvents(credit(account, 0));

        Document fence = database.getCollection("events").find(eq("_id", 0L)).first();
        assertThat(fence.get(CommitDocuments.VOID)).isEqualTo("aborted");
        assertThat(readFrom(engine, null))
                .extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly(account);
    }

    @Test
    void creatingExistingAggregateRejected() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        engine.appendEvents(credit(account, 0));

        assertThatThrownBy(() -> engine.appendEvents(credit(account, 0)))
                .isInstanceOf(AggregateStreamCreationException.class)
                .hasMessageContaining(account);
    }

    @Test
    void groupCommitConflictFailsOnlyLoser() throws Exception {
        CountDownLatch leaderHeld = new CountDownLatch(1);
        CountDownLatch releaseLeader = new CountDownLatch(1);
        String blocker = newAccountId();
        MongoEventStorageEngine engine = engine(builder -> builder.beforeInsert(documents -> {
            if (streamsOf(documents).contains(blocker)) {
                leaderHeld.countDown();
                await(releaseLeader);
            }
        }));
        String account = newAccountId();
        engine.appendEvents(credit(account, 0));

        Future<Throwable> blocking = executor.submit(() -> outcomeOf(() -> engine.appendEvents(credit(blocker, 0))));
        await(leaderHeld);
        Future<Throwable> first = executor.submit(() -> outcomeOf(() -> engine.appendEvents(credit(account, 1))));
        Future<Throwable> second = executor.submit(() -> outcomeOf(() -> engine.appendEvents(credit(account, 1))));
        while (engine.queuedAppends() < 2) {
            Thread.onSpinWait();
        }
        long batchesBefore = engine.groupCommitBatches();
        releaseLeader.countDown();

        assertThat(get(blocking)).isNull();
        List<Throwable> failures = new ArrayList<>();
        for (Future<Throwable> outcome : List.of(first, second)) {
            Throwable failure = get(outcome);
            if (failure != null) {
                failures.add(failure);
            }
        }
        assertThat(failures).singleElement().isInstanceOf(ConcurrencyException.class);
        assertThat(engine.groupCommitBatches() - batchesBefore).isEqualTo(1L);
        assertThat(readStream(engine, account)).hasSize(2);
    }

    private static Throwable outcomeOf(Runnable append) {
        try {
            append.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void sixteenWritersDeliveredExactlyOnce() throws Exception {
        MongoEventStorageEngine engine = engine();
        int writers = 16;
        int eventsPerWriter = 40;
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            accounts.add(newAccountId());
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>();
        for (String account : accounts) {
            writes.add(executor.submit(() -> {
                await(start);
                for (long seq = 0; seq < eventsPerWriter; seq++) {
                    engine.appendEvents(credit(account, seq));
                }
                return null;
            }));
        }

        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        List<Long> positions = new ArrayList<>();
        TrackingToken token = null;
        start.countDown();
        boolean writing = true;
        while (writing) {
            writing = writes.stream().anyMatch(write -> !write.isDone());
            List<TrackedEventMessage<?>> batch = readFrom(engine, token);
            for (TrackedEventMessage<?> event : batch) {
                deliveries.merge(event.getIdentifier(), 1, Integer::sum);
                positions.add(deliveredPosition(token, event));
                token = event.trackingToken();
            }
        }
        for (Future<?> write : writes) {
            get(write);
        }
        List<TrackedEventMessage<?>> rest = readFrom(engine, token);
        for (TrackedEventMessage<?> event : rest) {
            deliveries.merge(event.getIdentifier(), 1, Integer::sum);
            positions.add(deliveredPosition(token, event));
            token = event.trackingToken();
        }

        Set<String> appended = new HashSet<>();
        for (String account : accounts) {
            List<DomainEventMessage<?>> stream = readStream(engine, account);
            assertThat(stream).hasSize(eventsPerWriter);
            stream.forEach(event -> appended.add(event.getIdentifier()));
        }
        assertThat(deliveries.keySet()).isEqualTo(appended);
        assertThat(deliveries.values()).containsOnly(1);
        assertThat(new HashSet<>(positions)).hasSize(positions.size());
        assertThat(engine.groupCommitBatches()).isLessThanOrEqualTo(engine.appendCalls());
    }

    @Test
    void pooledProcessorHandlesConcurrentAppendsOnce() throws Exception {
        MongoEventStorageEngine engine = engine();
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
                .storageEngine(engine)
                .fetchDelay(20)
                .build();
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        EventMessageHandler handler = event -> {
            handled.merge(event.getIdentifier(), 1, Integer::sum);
            return null;
        };
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("contract-test")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(handler)
                        .build())
                .messageSource(eventStore)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(2)
                .build();
        processor.start();

        try {
            List<Future<List<String>>> writes = new ArrayList<>();
            for (int writer = 0; writer < 16; writer++) {
                int firstCommitSize = 1 + writer % 3;
                writes.add(executor.submit(() -> {
                    // Commits of one to three events, so several events share one commit document.
                    String account = newAccountId();
                    List<String> ids = new ArrayList<>();
                    long seq = 0;
                    for (int commit = 0; seq < 24; commit++) {
                        List<EventMessage<?>> events = new ArrayList<>();
                        for (int i = 0; i < 1 + (firstCommitSize + commit) % 3 && seq < 24; i++) {
                            DomainEventMessage<?> event = credit(account, seq++);
                            events.add(event);
                            ids.add(event.getIdentifier());
                        }
                        engine.appendEvents(events);
                    }
                    return ids;
                }));
            }
            Set<String> appended = new HashSet<>();
            for (Future<List<String>> write : writes) {
                appended.addAll(get(write));
            }

            // Once every segment's token has reached the head, every event was handed to the processor.
            long head = engine.createHeadToken().position().orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (!processorReached(processor, head) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(processorReached(processor, head))
                    .as("processor reached position %d", head)
                    .isTrue();
            assertThat(handled.keySet()).isEqualTo(appended);
            assertThat(handled.values()).containsOnly(1);
        } finally {
            processor.shutDown();
            eventStore.shutDown();
            coordinator.shutdownNow();
            workers.shutdownNow();
        }
    }

    private static boolean processorReached(PooledStreamingEventProcessor processor, long position) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.size() < 2) {
            return false;
        }
        return status.values().stream()
                .allMatch(segment -> segment.getTrackingToken() instanceof GapAwareTrackingToken token
                        && token.getIndex() >= position
                        && token.getGaps().isEmpty());
    }

    // --- tracking -----------------------------------------------------------------------------------------------

    @Test
    void everyEventHasItsOwnToken() {
        MongoEventStorageEngine engine = engine(builder -> builder.batchSize(10));
        String account = newAccountId();
        List<EventMessage<?>> commit = new ArrayList<>();
        for (int seq = 0; seq < 25; seq++) {
            commit.add(credit(account, seq));
        }
        engine.appendEvents(commit);

        List<TrackedEventMessage<?>> tracked = readFrom(engine, null);

        assertThat(tracked).hasSize(25);
        for (int i = 1; i < tracked.size(); i++) {
            TrackingToken previous = tracked.get(i - 1).trackingToken();
            TrackingToken current = tracked.get(i).trackingToken();
            assertThat(previous.covers(current))
                    .as("token %d covers token %d", i - 1, i)
                    .isFalse();
            assertThat(current.covers(previous))
                    .as("token %d covers token %d", i, i - 1)
                    .isTrue();
        }
    }

    @Test
    void tokenInsideACommitResumesAfterIt() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        engine.appendEvents(credit(account, 0), credit(account, 1), credit(account, 2), credit(account, 3));
        List<TrackedEventMessage<?>> all = readFrom(engine, null);

        List<TrackedEventMessage<?>> resumed = readFrom(engine, all.get(1).trackingToken());

        assertThat(resumed)
                .extracting(EventMessage::getIdentifier)
                .containsExactly(all.get(2).getIdentifier(), all.get(3).getIdentifier());
    }

    @Test
    void readerPassesARunOfVoidDocuments() {
        MongoEventStorageEngine engine = engine(builder -> builder.batchSize(4));
        String account = newAccountId();
        engine.appendEvents(credit(account, 0));
        for (int i = 0; i < 12; i++) {
            assertThatThrownBy(() -> engine.appendEvents(credit(account, 0)))
                    .isInstanceOf(AggregateStreamCreationException.class);
        }
        engine.appendEvents(credit(account, 1));

        List<TrackedEventMessage<?>> tracked = readFrom(engine, null);

        assertThat(tracked)
                .extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber())
                .containsExactly(0L, 1L);
        assertThat(positionOf(tracked.get(1))).isEqualTo(13L);
    }

    @Test
    void readerPassesUnstoredPositions() {
        MongoEventStorageEngine engine = engine(builder -> builder.batchSize(4));
        String account = newAccountId();
        allocatePositions(10);
        engine.appendEvents(credit(account, 0));

        List<TrackedEventMessage<?>> tracked = readFrom(engine, null);

        assertThat(tracked).hasSize(1);
        GapAwareTrackingToken token = (GapAwareTrackingToken) tracked.get(0).trackingToken();
        assertThat(token.getIndex()).isEqualTo(10L);
        assertThat(token.getGaps()).hasSize(10);
    }

    /** Takes positions from the counter without storing anything, as a writer that died would. */
    private long allocatePositions(int count) {
        return DeadWriter.takePositions(database, count);
    }

    @Test
    void lateCommitDeliveredOnceStaleGapFenced() throws Exception {
        Duration gapTimeout = Duration.ofSeconds(10);
        Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();
        Map<String, CountDownLatch> allocated = new ConcurrentHashMap<>();
        Consumer<List<Document>> hold = documents -> {
            for (String stream : streamsOf(documents)) {
                if (releases.containsKey(stream)) {
                    allocated.get(stream).countDown();
                    await(releases.get(stream));
                }
            }
        };
        MongoEventStorageEngine slowWriter =
                engine(builder -> builder.beforeInsert(hold).gapTimeout(gapTimeout));
        MongoEventStorageEngine reader = engine(builder -> builder.gapTimeout(gapTimeout));
        String slow = newAccountId();
        String fast = newAccountId();
        releases.put(slow, new CountDownLatch(1));
        allocated.put(slow, new CountDownLatch(1));

        // Writer A takes position 0 and stalls; writer B stores position 1; the reader passes both.
        Future<Throwable> slowAppend = executor.submit(() -> outcomeOf(() -> slowWriter.appendEvents(credit(slow, 0))));
        await(allocated.get(slow));
        reader.appendEvents(credit(fast, 0));
        List<TrackedEventMessage<?>> first = readFrom(reader, null);
        assertThat(first)
                .extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly(fast);
        TrackingToken afterFirst = lastToken(first, null);
        assertThat(((GapAwareTrackingToken) afterFirst).getGaps()).containsExactly(0L);

        // A commits late: the reader delivers it once.
        releases.get(slow).countDown();
        assertThat(get(slowAppend)).isNull();
        List<TrackedEventMessage<?>> second = readFrom(reader, afterFirst);
        assertThat(second)
                .extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly(slow);
        TrackingToken afterSecond = lastToken(second, afterFirst);
        assertThat(readFrom(reader, afterSecond)).isEmpty();

        // A position whose writer died, and a writer that stalls past the gap timeout.
        long abandoned = allocatePositions(1);
        String later = newAccountId();
        releases.put(later, new CountDownLatch(1));
        allocated.put(later, new CountDownLatch(1));
        Future<Throwable> laterAppend =
                executor.submit(() -> outcomeOf(() -> slowWriter.appendEvents(credit(later, 0))));
        await(allocated.get(later));
        String fast2 = newAccountId();
        reader.appendEvents(credit(fast2, 0));
        List<TrackedEventMessage<?>> third = readFrom(reader, afterSecond);
        assertThat(third)
                .extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly(fast2);
        TrackingToken afterThird = lastToken(third, afterSecond);
        long stalled = abandoned + 1;
        assertThat(((GapAwareTrackingToken) afterThird).getGaps()).containsExactly(abandoned, stalled);

        clock.advance(gapTimeout.plusSeconds(1));
        assertThat(readFrom(reader, afterThird)).isEmpty();
        for (long position : List.of(abandoned, stalled)) {
            Document fence =
                    database.getCollection("events").find(eq("_id", position)).first();
            assertThat(fence).as("document at position %d", position).isNotNull();
            assertThat(fence.get(CommitDocuments.VOID))
                    .as("void reason at %d", position)
                    .isEqualTo("gap-timeout");
        }

        // The stalled writer finally inserts, collides with the fence and is stored at a new position.
        releases.get(later).countDown();
        assertThat(get(laterAppend)).isNull();
        List<TrackedEventMessage<?>> fourth = readFrom(reader, afterThird);
        assertThat(fourth)
                .extracting(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier())
                .containsExactly(later);
        assertThat(positionOf(fourth.get(0))).isGreaterThan(stalled + 1);

        List<String> delivered = new ArrayList<>();
        for (List<TrackedEventMessage<?>> batch : List.of(first, second, third, fourth)) {
            batch.forEach(event -> delivered.add(((DomainEventMessage<?>) event).getAggregateIdentifier()));
        }
        assertThat(delivered).containsExactlyInAnyOrder(slow, fast, fast2, later);
    }

    // --- tokens ---------------------------------------------------------------------------------------------------

    @Test
    void headTokenSkipsStoredEvents() {
        MongoEventStorageEngine engine = engine();
        assertThat(engine.createHeadToken()).isNull();
        String account = newAccountId();
        engine.appendEvents(credit(account, 0), credit(account, 1));

        TrackingToken head = engine.createHeadToken();
        engine.appendEvents(credit(account, 2));

        assertThat(readFrom(engine, head))
                .extracting(event -> ((DomainEventMessage<?>) event).getSequenceNumber())
                .containsExactly(2L);
        assertThat(engine.createTailToken()).isNull();
    }

    @Test
    void tokenAtInstantSkipsEarlierEvents() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        Instant base = Instant.parse("2026-03-01T10:00:00Z");
        for (int seq = 0; seq < 20; seq++) {
            engine.appendEvents(credit(account, seq, base.plusSeconds(seq)));
        }

        List<TrackedEventMessage<?>> fromSeven = readFrom(engine, engine.createTokenAt(base.plusSeconds(7)));
        List<TrackedEventMessage<?>> fromBetween = readFrom(engine, engine.createTokenAt(base.plusMillis(7500)));

        assertThat(fromSeven).hasSize(13);
        assertThat(fromSeven.get(0).getTimestamp()).isEqualTo(base.plusSeconds(7));
        assertThat(fromBetween.get(0).getTimestamp()).isEqualTo(base.plusSeconds(8));
        assertThat(engine.createTokenAt(base.minusSeconds(1))).isNull();
        assertThat(readFrom(engine, engine.createTokenAt(base.plusSeconds(60)))).isEmpty();
    }

    // --- serialization and hashing ------------------------------------------------------------------------------

    @Test
    void upcasterReadsRevisionOneAsRevisionTwo() {
        String account = newAccountId();
        engine().appendEvents(new GenericDomainEventMessage<>(ACCOUNT, account, 0, new AmountRecordedV1(account, 250)));
        MongoEventStorageEngine upcasting = engine(builder -> builder.upcasterChain(new AmountRecordedUpcaster()));

        DomainEventMessage<?> event = readStream(upcasting, account).get(0);
        TrackedEventMessage<?> tracked = readFrom(upcasting, null).get(0);

        assertThat(event.getPayload()).isEqualTo(new AmountRecorded(account, 250, "EUR"));
        assertThat(tracked.getPayload()).isEqualTo(new AmountRecorded(account, 250, "EUR"));
        Document stored = database.getCollection("events")
                .find(eq(CommitDocuments.KEYS, account + ":0"))
                .first();
        assertThat(CommitDocuments.events(stored).get(0).getString(CommitDocuments.EVENT_REVISION))
                .isEqualTo("1");
    }

    /** Renames {@code cents} to {@code amount} and adds the currency of revision 2. */
    private static final class AmountRecordedUpcaster extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(AmountRecordedV1.class.getName())
                    && "1".equals(representation.getType().getRevision());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(
                    new SimpleSerializedType(AmountRecorded.class.getName(), "2"), JsonNode.class, node -> {
                        ObjectNode object = (ObjectNode) node;
                        object.set("amount", object.remove("cents"));
                        object.put("currency", "EUR");
                        return object;
                    });
        }
    }

    @Test
    void storedHashesRecomputeAndChain() {
        String account = newAccountId();
        engine().appendEvents(credit(account, 0));
        engine().appendEvents(credit(account, 1), credit(account, 2));
        // A fresh engine has no cached chain head, so it must find the previous hash in the store.
        engine().appendEvents(credit(account, 3));

        Map<Long, Document> bySeq = new HashMap<>();
        Map<Long, Document> commitOf = new HashMap<>();
        for (Document commit : allEventDocuments()) {
            if (CommitDocuments.isVoid(commit)) {
                continue;
            }
            for (Document event : CommitDocuments.events(commit)) {
                bySeq.put(CommitDocuments.eventSeq(event), event);
                commitOf.put(CommitDocuments.eventSeq(event), commit);
            }
        }

        assertThat(bySeq).hasSize(4);
        assertThat(bySeq.get(0L).get(CommitDocuments.EVENT_PREV)).isNull();
        for (long seq = 0; seq < 4; seq++) {
            Document event = bySeq.get(seq);
            assertThat(EventHashes.matches(commitOf.get(seq), event))
                    .as("hash of event %d", seq)
                    .isTrue();
            if (seq > 0) {
                assertThat(event.getString(CommitDocuments.EVENT_PREV))
                        .as("prev of event %d", seq)
                        .isEqualTo(bySeq.get(seq - 1).getString(CommitDocuments.EVENT_HASH));
            }
        }

        Document tampered = new Document(bySeq.get(2L));
        tampered.put(
                CommitDocuments.EVENT_PAYLOAD,
                tampered.getString(CommitDocuments.EVENT_PAYLOAD).replace("102", "902"));
        assertThat(EventHashes.matches(commitOf.get(2L), tampered)).isFalse();
    }

    @Test
    void payloadIsStoredAsCanonicalJson() {
        String account = newAccountId();
        engine().appendEvents(credit(account, 0, Instant.parse("2026-03-01T10:00:00Z")));

        Document event = CommitDocuments.events(allEventDocuments().get(0)).get(0);

        assertThat(event.getString(CommitDocuments.EVENT_PAYLOAD))
                .isEqualTo("{\"accountId\":\"" + account + "\",\"amount\":100,\"note\":\"grant 0\","
                        + "\"recordedAt\":\"2026-03-01T10:00:00Z\"}");
        assertThat(event.getString(CommitDocuments.EVENT_META)).isEqualTo("{\"traceId\":\"trace-0\"}");
    }

    @Test
    void numberBeyondDoublePrecisionRejected() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();

        assertThatThrownBy(() -> engine.appendEvents(
                        new GenericDomainEventMessage<>(ACCOUNT, account, 0, new HugeNumber(9_007_199_254_740_993L))))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("JSON strings");
        assertThat(allEventDocuments()).isEmpty();
    }

    @Test
    void oversizedCommitRejectedBeforeInsert() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        String note = "x".repeat(CommitAssembler.MAX_DOCUMENT_BYTES);
        DomainEventMessage<?> huge = new GenericDomainEventMessage<>(
                ACCOUNT, account, 0, new CreditsRecorded(account, 1, note, Instant.now()));

        assertThatThrownBy(() -> engine.appendEvents(huge))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("16 MiB");
        assertThat(allEventDocuments()).isEmpty();

        // Six million characters pass the cheap size bound's alarm but fit once measured exactly.
        String largeNote = "y".repeat(6_000_000);
        engine.appendEvents(new GenericDomainEventMessage<>(
                ACCOUNT, account, 0, new CreditsRecorded(account, 1, largeNote, Instant.now())));
        CreditsRecorded stored =
                (CreditsRecorded) readStream(engine, account).get(0).getPayload();
        assertThat(stored.note()).hasSize(6_000_000);
    }

    @Test
    void appendAfterMissingEventRejected() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        engine.appendEvents(credit(account, 0));

        assertThatThrownBy(() -> engine.appendEvents(credit(account, 2)))
                .isInstanceOf(EventStoreException.class)
                .hasMessageContaining("event 1 is not stored");
    }

    // --- index use ---------------------------------------------------------------------------------------------

    @Test
    void aggregateStreamReadUsesOnlyIndexedQueries() {
        MongoEventStorageEngine engine = engine();
        String account = newAccountId();
        for (int seq = 0; seq < 70; seq++) {
            engine.appendEvents(credit(account, seq));
        }

        commands.start();
        readStream(engine, account);
        engine.readEvents(account, 40).asStream().count();
        engine.lastSequenceNumberFor(account);
        List<RecordedQuery> queries = commands.stop();

        assertThat(queries).isNotEmpty();
        assertIndexServed(engine, queries);
    }

    @Test
    void everyEngineQueryIsIndexServed() throws Exception {
        MongoEventStorageEngine engine = engine(builder -> builder.batchSize(8).gapTimeout(Duration.ofSeconds(1)));
        String account = newAccountId();

        commands.start();
        engine.appendEvents(credit(account, 0), credit(account, 1));
        engine.appendEvents(GenericEventMessage.asEventMessage(new AmountRecorded("system", 1, "EUR")));
        assertThatThrownBy(() -> engine.appendEvents(credit(account, 1))).isInstanceOf(ConcurrencyException.class);
        engine().appendEvents(credit(account, 2));
        allocatePositions(3);
        engine.appendEvents(credit(account, 3));
        List<TrackedEventMessage<?>> tracked = readFrom(engine, null);
        clock.advance(Duration.ofSeconds(2));
        readFrom(engine, lastToken(tracked, null));
        readStream(engine, account);
        engine.lastSequenceNumberFor(account);
        engine.storeSnapshot(snapshot(account, 3, 10));
        engine.readSnapshot(account);
        engine.createHeadToken();
        engine.createTokenAt(Instant.now().minusSeconds(5));
        List<RecordedQuery> queries = commands.stop();

        assertThat(queries).isNotEmpty();
        assertIndexServed(engine, queries);
    }

    private static void assertIndexServed(MongoEventStorageEngine engine, List<RecordedQuery> queries) {
        List<IndexDeclaration> indexes = engine.indexes();
        List<String> report = new ArrayList<>();
        int unserved = 0;
        for (RecordedQuery query : queries) {
            IndexDeclaration serving = query.onlyEqualityOrIn()
                    ? indexes.stream()
                            .filter(index -> index.collection().equals(query.collection())
                                    && index.fields().equals(query.fields()))
                            .findFirst()
                            .orElse(null)
                    : null;
            if (serving == null) {
                unserved++;
            }
            report.add(String.format("%-40s <- %s", serving == null ? "NO INDEX" : serving, query));
        }
        assertThat(unserved)
                .as("queries not served by a declared index (index <- query):%n    %s", String.join("\n    ", report))
                .isZero();
    }

    @Test
    void builderRequiresDatabaseAndSerializer() {
        assertThatThrownBy(() -> MongoEventStorageEngine.builder()
                        .eventSerializer(TestEvents.serializer())
                        .build())
                .isInstanceOf(org.axonframework.common.AxonConfigurationException.class)
                .hasMessageContaining("MongoDatabase");
        assertThatThrownBy(() ->
                        MongoEventStorageEngine.builder().database(database).build())
                .isInstanceOf(org.axonframework.common.AxonConfigurationException.class)
                .hasMessageContaining("serializer");
    }

    @Test
    void interruptedWriterGetsItsOutcome() throws Exception {
        CountDownLatch leaderHeld = new CountDownLatch(1);
        CountDownLatch releaseLeader = new CountDownLatch(1);
        String blocker = newAccountId();
        MongoEventStorageEngine engine = engine(builder -> builder.beforeInsert(documents -> {
            if (streamsOf(documents).contains(blocker)) {
                leaderHeld.countDown();
                await(releaseLeader);
            }
        }));
        String account = newAccountId();
        Future<Throwable> blocking = executor.submit(() -> outcomeOf(() -> engine.appendEvents(credit(blocker, 0))));
        await(leaderHeld);

        java.util.concurrent.atomic.AtomicReference<Thread> waiter =
                new java.util.concurrent.atomic.AtomicReference<>();
        Future<Boolean> append = executor.submit(() -> {
            waiter.set(Thread.currentThread());
            engine.appendEvents(credit(account, 0));
            return Thread.currentThread().isInterrupted();
        });
        while (engine.queuedAppends() < 1) {
            Thread.onSpinWait();
        }
        waiter.get().interrupt();
        releaseLeader.countDown();

        assertThat(get(blocking)).isNull();
        assertThat(get(append)).as("interrupt flag restored").isTrue();
        assertThat(readStream(engine, account)).hasSize(1);
    }
}
