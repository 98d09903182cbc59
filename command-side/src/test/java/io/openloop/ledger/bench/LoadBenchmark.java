package io.openloop.ledger.bench;

import com.mongodb.client.MongoClient;
import io.openloop.ledger.store.embedded.EmbeddedMongoStore;
import io.openloop.ledger.store.events.MongoEventStorageEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

/**
 * Load times of aggregates of 50 events, as an event-sourcing repository reads them, at a small and at a large store.
 *
 * <p>The loaded aggregates are appended first, one event per append and round-robin across them, as commands would
 * append them. The rest of the store is filler appended in batches of 100 events, one aggregate per batch, which is the
 * fastest way to fill it; every filler event still has its own entry in the unique {@code keys} and {@code pos}
 * indexes.
 */
final class LoadBenchmark {

    private static final Duration SETTLE_PROBE = Duration.ofSeconds(2);
    private static final Duration MAX_SETTLE = Duration.ofMinutes(1);

    private LoadBenchmark() {}

    static void run(Path workDirectory, BenchScale scale, BenchResults results) {
        System.out.printf(
                "Load: %d aggregates of %d events, loaded at %,d and at %,d events in a fresh durable store%n",
                scale.loadedAggregates(),
                scale.loadedAggregateEvents(),
                scale.smallStoreEvents(),
                scale.largeStoreEvents());
        try (EmbeddedMongoStore store = BenchStores.openDurable(workDirectory.resolve("load"));
                MongoClient client = BenchStores.client(store.connectionString())) {
            MongoEventStorageEngine engine = BenchStores.engine(client.getDatabase(BenchStores.DATABASE));

            // One aggregate more than measured: the last one warms up the read path before each measurement.
            List<String> aggregates = appendLoadedAggregates(engine, scale.loadedAggregates() + 1, scale);
            long stored = (long) aggregates.size() * scale.loadedAggregateEvents();

            stored += fill(engine, scale.smallStoreEvents() - stored);
            awaitSettledFile(store);
            measure(engine, aggregates, scale, stored, "small", results);

            stored += fill(engine, scale.largeStoreEvents() - stored);
            awaitSettledFile(store);
            measure(engine, aggregates, scale, stored, "large", results);
        }

        results.goalAtMost(
                "load of 50 events: large store vs small store, distinct aggregates",
                "load.large.distinct",
                "load.small.distinct",
                1.5);
        results.goalAtMost(
                "load of 50 events: large store vs small store, one aggregate again",
                "load.large.same",
                "load.small.same",
                1.5);
    }

    private static List<String> appendLoadedAggregates(MongoEventStorageEngine engine, int count, BenchScale scale) {
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            aggregates.add(BenchEvents.newAggregateId());
        }
        PhaseTimer timer = PhaseTimer.start();
        for (int seq = 0; seq < scale.loadedAggregateEvents(); seq++) {
            for (String aggregate : aggregates) {
                engine.appendEvents(BenchEvents.event(aggregate, seq));
            }
        }
        timer.stop(
                "append the loaded aggregates, 1 writer, single events",
                (long) aggregates.size() * scale.loadedAggregateEvents());
        return aggregates;
    }

    private static long fill(MongoEventStorageEngine engine, long events) {
        if (events <= 0) {
            return 0;
        }
        PhaseTimer timer = PhaseTimer.start();
        EngineWriters.appendBatches(engine, Math.toIntExact(events), AppendBenchmark.BATCH_SIZE);
        timer.stop("fill, 1 writer, batches of 100", events);
        return events;
    }

    /**
     * Waits until the background compaction has stopped changing the file size, for at most a minute, so that it does
     * not compete with the loads for the cores. Filling the store leaves many dead chunks for it to rewrite.
     */
    private static void awaitSettledFile(EmbeddedMongoStore store) {
        long start = System.nanoTime();
        long size = store.fileSizeBytes();
        while (System.nanoTime() - start < MAX_SETTLE.toNanos()) {
            sleep(SETTLE_PROBE);
            long next = store.fileSizeBytes();
            if (next == size) {
                break;
            }
            size = next;
        }
        System.out.printf(
                Locale.ROOT,
                "  file settled at %.1f MiB after %.1f s%n",
                size / 1048576.0,
                (System.nanoTime() - start) / 1e9);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the store to settle", e);
        }
    }

    /**
     * Loads each measured aggregate once (the median goes to {@code load.<size>.distinct}), then the first one as many
     * times again ({@code load.<size>.same}).
     */
    private static void measure(
            MongoEventStorageEngine engine,
            List<String> aggregates,
            BenchScale scale,
            long stored,
            String size,
            BenchResults results) {
        String warmup = aggregates.get(aggregates.size() - 1);
        for (int i = 0; i < 20; i++) {
            load(engine, warmup, scale.loadedAggregateEvents());
        }

        double[] distinct = new double[aggregates.size() - 1];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = load(engine, aggregates.get(i), scale.loadedAggregateEvents());
        }
        double[] same = new double[distinct.length];
        for (int i = 0; i < same.length; i++) {
            same[i] = load(engine, aggregates.get(0), scale.loadedAggregateEvents());
        }

        String label = String.format(Locale.ROOT, "%,d events stored", stored);
        results.record(
                "load." + size + ".distinct",
                "load 50 events, median of " + distinct.length + " distinct aggregates, " + label,
                median(distinct),
                "ms");
        results.record(
                "load." + size + ".same",
                "load 50 events, median of " + same.length + " loads of one aggregate, " + label,
                median(same),
                "ms");
        System.out.printf(
                Locale.ROOT,
                "  max load %.1f ms (distinct), %.1f ms (same)%n",
                Arrays.stream(distinct).max().orElse(0),
                Arrays.stream(same).max().orElse(0));
    }

    /** Loads one aggregate with payloads deserialized, as a repository applies them, and returns milliseconds. */
    private static double load(MongoEventStorageEngine engine, String aggregateId, int expectedEvents) {
        long start = System.nanoTime();
        DomainEventStream stream = engine.readEvents(aggregateId);
        int count = 0;
        while (stream.hasNext()) {
            stream.next().getPayload();
            count++;
        }
        double millis = (System.nanoTime() - start) / 1e6;
        if (count != expectedEvents) {
            throw new IllegalStateException(
                    "Aggregate [" + aggregateId + "] has " + count + " events, expected " + expectedEvents);
        }
        return millis;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
