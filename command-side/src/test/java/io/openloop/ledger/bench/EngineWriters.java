package io.openloop.ledger.bench;

import io.openloop.ledger.store.events.MongoEventStorageEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Append workloads through the engine's public {@code appendEvents}, as Axon's event store calls it. */
final class EngineWriters {

    static final int WRITERS = 16;

    /** Events per aggregate before a concurrent writer moves on to a new aggregate. */
    static final int EVENTS_PER_AGGREGATE = 50;

    private EngineWriters() {}

    /** Appends {@code events} from one thread in appends of {@code batchSize} events, each a new aggregate. */
    static void appendBatches(MongoEventStorageEngine engine, int events, int batchSize) {
        for (int appended = 0; appended < events; appended += batchSize) {
            int size = Math.min(batchSize, events - appended);
            engine.appendEvents(BenchEvents.events(BenchEvents.newAggregateId(), 0, size));
        }
    }

    /**
     * Appends {@code events} single events from {@link #WRITERS} threads, each writing its own aggregates of {@link
     * #EVENTS_PER_AGGREGATE} events in sequence number order. Returns the number appended, a multiple of the writer
     * count.
     */
    static int appendConcurrently(MongoEventStorageEngine engine, int events) {
        int perWriter = events / WRITERS;
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                futures.add(pool.submit(() -> appendSingles(engine, perWriter)));
            }
            awaitAll(futures);
        } finally {
            pool.shutdown();
        }
        return perWriter * WRITERS;
    }

    private static void appendSingles(MongoEventStorageEngine engine, int count) {
        String aggregateId = BenchEvents.newAggregateId();
        long sequenceNumber = 0;
        for (int i = 0; i < count; i++) {
            if (sequenceNumber == EVENTS_PER_AGGREGATE) {
                aggregateId = BenchEvents.newAggregateId();
                sequenceNumber = 0;
            }
            engine.appendEvents(BenchEvents.event(aggregateId, sequenceNumber++));
        }
    }

    static void awaitAll(List<Future<?>> futures) {
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the writers", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("A writer failed: " + e.getCause(), e.getCause());
            }
        }
    }
}
