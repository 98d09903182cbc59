package io.openloop.ledger.bench;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.store.embedded.EmbeddedMongoStore;
import io.openloop.ledger.store.embedded.EmbeddedStoreOptions;
import io.openloop.ledger.store.events.MongoEventStorageEngine;
import java.nio.file.Path;
import java.util.Locale;
import org.bson.Document;

/**
 * Append rates through the engine and raw insert rates of documents of the same shape, in one durable embedded store.
 * The four measurements alternate between engine and raw, so both see a store of about the same size.
 */
final class AppendBenchmark {

    static final int BATCH_SIZE = 100;

    private AppendBenchmark() {}

    static void run(Path workDirectory, BenchScale scale, BenchResults results) {
        System.out.println("Append: one durable embedded store (durability " + EmbeddedStoreOptions.DEFAULT_DURABILITY
                + "), engine and raw in two databases");
        try (EmbeddedMongoStore store = BenchStores.openDurable(workDirectory.resolve("append"));
                MongoClient client = BenchStores.client(store.connectionString())) {
            MongoDatabase engineDatabase = client.getDatabase(BenchStores.DATABASE);
            MongoEventStorageEngine engine = BenchStores.engine(engineDatabase);
            MongoCollection<Document> rawEvents =
                    BenchStores.rawEventsCollection(client.getDatabase(BenchStores.DATABASE + "_raw"), engine);
            RawWriters raw = new RawWriters(rawEvents, BenchEvents.samplePayloadJson());

            printDocumentSizes(engine, engineDatabase.getCollection("events"));

            EngineWriters.appendBatches(engine, scale.warmupEvents(), BATCH_SIZE);
            EngineWriters.appendConcurrently(engine, scale.warmupEvents());
            raw.insertBatches(scale.warmupEvents(), BATCH_SIZE);
            raw.insertConcurrently(scale.warmupEvents());

            StoreActivity before = StoreActivity.of(store);
            PhaseTimer timer = PhaseTimer.start();
            EngineWriters.appendBatches(engine, scale.batchedEvents(), BATCH_SIZE);
            double seconds = timer.stop("engine, 1 writer, batches of 100", scale.batchedEvents());
            StoreActivity.of(store).printSince(before);
            results.record(
                    "engine.batched",
                    "engine append, 1 writer, batches of 100",
                    scale.batchedEvents() / seconds,
                    "events/s");

            before = StoreActivity.of(store);
            timer = PhaseTimer.start();
            raw.insertBatches(scale.batchedEvents(), BATCH_SIZE);
            seconds = timer.stop("raw insertMany, 1 writer, batches of 100", scale.batchedEvents());
            StoreActivity.of(store).printSince(before);
            results.record(
                    "raw.batched",
                    "raw insertMany, 1 writer, batches of 100",
                    scale.batchedEvents() / seconds,
                    "docs/s");

            before = StoreActivity.of(store);
            timer = PhaseTimer.start();
            int appended = EngineWriters.appendConcurrently(engine, scale.concurrentEvents());
            seconds = timer.stop("engine, 16 writers, single events", appended);
            StoreActivity.of(store).printSince(before);
            results.record(
                    "engine.concurrent", "engine append, 16 writers, single events", appended / seconds, "events/s");

            before = StoreActivity.of(store);
            timer = PhaseTimer.start();
            int inserted = raw.insertConcurrently(scale.concurrentEvents());
            seconds = timer.stop("raw insertOne, 16 writers", inserted);
            StoreActivity.of(store).printSince(before);
            results.record("raw.concurrent", "raw insertOne, 16 writers", inserted / seconds, "docs/s");

            System.out.printf(Locale.ROOT, "  store file %.1f MiB%n", store.fileSizeBytes() / 1048576.0);
        }

        results.goalAtLeast("engine vs raw, batches of 100", "engine.batched", "raw.batched", 0.8);
        results.goalAtLeast(
                "engine concurrent single vs engine batches of 100", "engine.concurrent", "engine.batched", 0.5);
    }

    /** Prints the stored size per event of an engine commit of 1 and of 100 events, and of a raw document. */
    private static void printDocumentSizes(MongoEventStorageEngine engine, MongoCollection<Document> engineEvents) {
        String single = BenchEvents.newAggregateId();
        engine.appendEvents(BenchEvents.event(single, 0));
        String batched = BenchEvents.newAggregateId();
        engine.appendEvents(BenchEvents.events(batched, 0, BATCH_SIZE));

        int singleBytes = BenchEvents.bsonBytes(
                engineEvents.find(eq("keys", single + ":0")).first());
        int batchedBytes = BenchEvents.bsonBytes(
                engineEvents.find(eq("keys", batched + ":0")).first());
        int rawBytes = BenchEvents.bsonBytes(
                BenchEvents.rawDocument(0, BenchEvents.newAggregateId(), 1, BenchEvents.samplePayloadJson()));
        System.out.printf(
                Locale.ROOT,
                "  payload %d bytes of JSON; stored BSON per event: engine %d (commit of 1), %d (commit of 100),"
                        + " raw %d%n",
                BenchEvents.samplePayloadJson().length(),
                singleBytes,
                batchedBytes / BATCH_SIZE,
                rawBytes);
    }
}
