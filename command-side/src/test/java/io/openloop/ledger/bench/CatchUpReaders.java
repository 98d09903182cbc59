package io.openloop.ledger.bench;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.store.events.MongoEventStorageEngine;
import io.openloop.ledger.store.tokens.MongoTokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.bson.Document;

/** The three ways the benchmark reads a whole events collection from the first position, each returning the count. */
final class CatchUpReaders {

    static final int RAW_BATCH = 1_000;

    private CatchUpReaders() {}

    /** Reads every event through the engine's tracking stream from the tail, as a tracking processor would. */
    static long engineStream(MongoEventStorageEngine engine) {
        AtomicLong count = new AtomicLong();
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            events.forEach(event -> count.incrementAndGet());
        }
        return count.get();
    }

    /** Wall-clock and process CPU seconds from a processor's start until it had handled every expected event. */
    record ProcessorRun(double seconds, double cpuSeconds) {}

    /**
     * Runs a pooled streaming processor configured as the server's (2 segments, batches of 100) with a handler that
     * only counts, and returns the time from its start until it had handled {@code expected} events. Stopping the
     * processor afterwards is not counted.
     *
     * @param tokenStore the server's {@link MongoTokenStore}, or an in-memory one to measure the processor without
     *     token writes
     * @throws IllegalStateException if the processor has not handled them within {@code timeout}
     */
    static ProcessorRun pooledProcessor(
            MongoEventStorageEngine engine, TokenStore tokenStore, long expected, Duration timeout) {
        AtomicLong handled = new AtomicLong();
        EventMessageHandler handler = event -> {
            handled.incrementAndGet();
            return null;
        };
        EmbeddedEventStore eventStore =
                EmbeddedEventStore.builder().storageEngine(engine).build();
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("bench-catch-up")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(handler)
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(2)
                .batchSize(100)
                .build();

        long start = System.nanoTime();
        long startCpu = BenchResults.processCpuNanos();
        long deadline = start + timeout.toNanos();
        processor.start();
        try {
            while (handled.get() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The pooled processor handled " + handled.get() + " of " + expected
                            + " events within " + timeout + "; raise the timeout or check the log");
                }
                Thread.sleep(5);
            }
            return new ProcessorRun(
                    (System.nanoTime() - start) / 1e9, (BenchResults.processCpuNanos() - startCpu) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the pooled processor", e);
        } finally {
            processor.shutDown();
            eventStore.shutDown();
            coordinator.shutdownNow();
            workers.shutdownNow();
        }
    }

    /**
     * Reads every document of the engine's events collection with the raw driver, {@value #RAW_BATCH} positions per
     * {@code pos $in} query on the unique position index, and returns the number of events in them.
     */
    static long rawByPosition(MongoDatabase database) {
        Document counter =
                database.getCollection("sequences").find(eq("_id", "events")).first();
        long next = counter == null ? 0 : ((Number) counter.get("next")).longValue();

        long events = 0;
        for (long from = 0; from < next; from += RAW_BATCH) {
            List<Long> positions = new ArrayList<>(RAW_BATCH);
            for (long position = from; position < Math.min(next, from + RAW_BATCH); position++) {
                positions.add(position);
            }
            for (Document document : database.getCollection("events").find(in("pos", positions))) {
                List<?> stored = document.getList("events", Object.class);
                events += stored == null ? 0 : stored.size();
            }
        }
        return events;
    }
}
