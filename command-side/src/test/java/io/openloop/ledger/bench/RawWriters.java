package io.openloop.ledger.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * The raw driver baseline: documents of the engine's shape inserted with {@code insertMany} and {@code insertOne},
 * with positions from a local counter instead of the engine's counter document, and no serialization or hashing.
 */
final class RawWriters {

    private final MongoCollection<Document> events;
    private final String payloadJson;
    private final AtomicLong nextPosition = new AtomicLong();

    RawWriters(MongoCollection<Document> events, String payloadJson) {
        this.events = events;
        this.payloadJson = payloadJson;
    }

    /** Inserts {@code count} documents from one thread with one unordered {@code insertMany} per batch. */
    void insertBatches(int count, int batchSize) {
        for (int inserted = 0; inserted < count; inserted += batchSize) {
            int size = Math.min(batchSize, count - inserted);
            String aggregateId = BenchEvents.newAggregateId();
            List<Document> batch = new ArrayList<>(size);
            for (int seq = 0; seq < size; seq++) {
                batch.add(BenchEvents.rawDocument(nextPosition.getAndIncrement(), aggregateId, seq, payloadJson));
            }
            events.insertMany(batch, new InsertManyOptions().ordered(false));
        }
    }

    /**
     * Inserts {@code count} documents with {@code insertOne} from {@link EngineWriters#WRITERS} threads, each writing
     * its own aggregates. Returns the number inserted, a multiple of the writer count.
     */
    int insertConcurrently(int count) {
        int perWriter = count / EngineWriters.WRITERS;
        ExecutorService pool = Executors.newFixedThreadPool(EngineWriters.WRITERS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int writer = 0; writer < EngineWriters.WRITERS; writer++) {
                futures.add(pool.submit(() -> insertSingles(perWriter)));
            }
            EngineWriters.awaitAll(futures);
        } finally {
            pool.shutdown();
        }
        return perWriter * EngineWriters.WRITERS;
    }

    private void insertSingles(int count) {
        String aggregateId = BenchEvents.newAggregateId();
        long sequenceNumber = 0;
        for (int i = 0; i < count; i++) {
            if (sequenceNumber == EngineWriters.EVENTS_PER_AGGREGATE) {
                aggregateId = BenchEvents.newAggregateId();
                sequenceNumber = 0;
            }
            long position = nextPosition.getAndIncrement();
            events.insertOne(BenchEvents.rawDocument(position, aggregateId, sequenceNumber++, payloadJson));
        }
    }
}
