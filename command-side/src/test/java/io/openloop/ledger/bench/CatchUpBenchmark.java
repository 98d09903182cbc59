package io.openloop.ledger.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.bench.BenchStores.BackgroundCommitStore;
import io.openloop.ledger.bench.CatchUpReaders.ProcessorRun;
import io.openloop.ledger.store.embedded.EmbeddedMongoStore;
import io.openloop.ledger.store.events.MongoEventStorageEngine;
import io.openloop.ledger.store.tokens.MongoTokenStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;

/**
 * A burst of single events from 16 writers into a fresh durable store, then tracking catch-up from the tail three
 * ways, and the data file's size beside that of the same burst in a store that commits in the background.
 */
final class CatchUpBenchmark {

    private static final double MIB = 1024 * 1024;
    private static final Duration PROCESSOR_TIMEOUT = Duration.ofMinutes(30);

    private CatchUpBenchmark() {}

    static void run(Path workDirectory, BenchScale scale, BenchResults results) {
        System.out.printf(
                "Catch-up: a burst of %,d single events from 16 writers into a fresh durable store%n",
                scale.burstEvents());
        Path durableFile;
        try (EmbeddedMongoStore store = BenchStores.openDurable(workDirectory.resolve("burst"));
                MongoClient client = BenchStores.client(store.connectionString());
                FileSizeSampler sampler = FileSizeSampler.start(store.dataFile())) {
            durableFile = store.dataFile();
            MongoDatabase database = client.getDatabase(BenchStores.DATABASE);
            MongoEventStorageEngine engine = BenchStores.engine(database);

            StoreActivity before = StoreActivity.of(store);
            PhaseTimer timer = PhaseTimer.start();
            int appended = EngineWriters.appendConcurrently(engine, scale.burstEvents());
            double seconds = timer.stop("burst, durable store", appended);
            StoreActivity.of(store).printSince(before);
            results.record("burst.durable", "burst append, 16 writers, durable store", appended / seconds, "events/s");
            results.record(
                    "file.durable", "data file after the burst, durable store", store.fileSizeBytes() / MIB, "MiB");
            results.record(
                    "file.durable.peak",
                    "data file, largest size sampled during the burst, durable store",
                    sampler.peakBytes() / MIB,
                    "MiB");

            measureCatchUp(store, engine, database, appended, results);
            results.record(
                    "file.durable.caughtUp",
                    "data file after the catch-up reads, durable store",
                    store.fileSizeBytes() / MIB,
                    "MiB");
        }
        results.record(
                "file.durable.closed",
                "data file after close (compacted), durable store",
                BenchStores.fileSize(durableFile) / MIB,
                "MiB");

        measureBackgroundCommitBurst(workDirectory, scale, results);

        results.goalAtLeast("catch-up: engine stream vs raw $in read", "catchup.engine", "catchup.raw", 0.8);
        results.goalAtLeast("catch-up: pooled processor vs raw $in read", "catchup.processor", "catchup.raw", 0.8);
        results.goalAtMost("data file after burst: durable vs background commit", "file.durable", "file.background", 3);
    }

    private static void measureCatchUp(
            EmbeddedMongoStore store,
            MongoEventStorageEngine engine,
            MongoDatabase database,
            long expected,
            BenchResults results) {
        // A first pass of each reader loads the pages into the MVStore cache (256 MiB by default) and lets the JIT
        // compile its read path, so the measured passes compare warm readers.
        PhaseTimer timer = PhaseTimer.start();
        long read = CatchUpReaders.rawByPosition(database);
        double seconds = timer.stop("raw read, first pass", read);
        results.record("catchup.raw.cold", "catch-up read, raw $in by 1,000, first pass", read / seconds, "events/s");

        timer = PhaseTimer.start();
        read = CatchUpReaders.engineStream(engine);
        seconds = timer.stop("engine readEvents(tail, false), first pass", read);
        results.record(
                "catchup.engine.cold",
                "catch-up read, engine readEvents from the tail, first pass",
                read / seconds,
                "events/s");

        timer = PhaseTimer.start();
        read = requireAll(CatchUpReaders.engineStream(engine), expected, "engine stream");
        seconds = timer.stop("engine readEvents(tail, false)", read);
        results.record("catchup.engine", "catch-up read, engine readEvents from the tail", read / seconds, "events/s");

        timer = PhaseTimer.start();
        read = requireAll(CatchUpReaders.rawByPosition(database), expected, "raw read");
        seconds = timer.stop("raw read, second pass", read);
        results.record("catchup.raw", "catch-up read, raw $in by 1,000", read / seconds, "events/s");

        StoreActivity before = StoreActivity.of(store);
        MongoTokenStore tokenStore = MongoTokenStore.builder()
                .database(database)
                .serializer(BenchEvents.serializer())
                .build();
        ProcessorRun run = CatchUpReaders.pooledProcessor(engine, tokenStore, expected, PROCESSOR_TIMEOUT);
        printProcessorRun("pooled processor, tokens in MongoDB", expected, run);
        StoreActivity.of(store).printSince(before);
        results.record(
                "catchup.processor",
                "catch-up, pooled processor (2 segments, tokens in MongoDB)",
                expected / run.seconds(),
                "events/s");

        run = CatchUpReaders.pooledProcessor(engine, new InMemoryTokenStore(), expected, PROCESSOR_TIMEOUT);
        printProcessorRun("pooled processor, tokens in memory", expected, run);
        results.record(
                "catchup.processor.memoryTokens",
                "catch-up, pooled processor, tokens in memory (reference)",
                expected / run.seconds(),
                "events/s");
    }

    private static void printProcessorRun(String phase, long events, ProcessorRun run) {
        System.out.printf(
                Locale.ROOT,
                "  [%s] %,d in %.1f s, process CPU %.1f s (%.2f cores busy)%n",
                phase,
                events,
                run.seconds(),
                run.cpuSeconds(),
                run.cpuSeconds() / run.seconds());
    }

    private static void measureBackgroundCommitBurst(Path workDirectory, BenchScale scale, BenchResults results) {
        Path file;
        try (BackgroundCommitStore store = BackgroundCommitStore.open(workDirectory.resolve("background"));
                MongoClient client = BenchStores.client(store.connectionString());
                FileSizeSampler sampler = FileSizeSampler.start(store.dataFile())) {
            file = store.dataFile();
            MongoEventStorageEngine engine = BenchStores.engine(client.getDatabase(BenchStores.DATABASE));

            PhaseTimer timer = PhaseTimer.start();
            int appended = EngineWriters.appendConcurrently(engine, scale.burstEvents());
            double seconds = timer.stop("burst, background-commit store", appended);
            results.record(
                    "burst.background",
                    "burst append, 16 writers, H2 background commit (reference)",
                    appended / seconds,
                    "events/s");
            results.record(
                    "file.background",
                    "data file after the burst, H2 background commit",
                    BenchStores.fileSize(file) / MIB,
                    "MiB");
            results.record(
                    "file.background.peak",
                    "data file, largest size sampled during the burst, H2 background commit",
                    sampler.peakBytes() / MIB,
                    "MiB");
        }
        results.record(
                "file.background.closed",
                "data file after close, H2 background commit",
                BenchStores.fileSize(file) / MIB,
                "MiB");
    }

    private static long requireAll(long read, long expected, String reader) {
        if (read != expected) {
            throw new IllegalStateException(
                    "The " + reader + " returned " + read + " events but the burst appended " + expected);
        }
        return read;
    }
}
