package io.openloop.ledger.store.events;

import static io.openloop.ledger.store.events.TestEvents.credit;
import static io.openloop.ledger.store.events.TestEvents.newAccountId;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.EventMessage;

/**
 * Measures append rates on the in-process store: one writer appending batches of 100 events, and 16 writers each
 * appending single events (which group commit batches together).
 *
 * <p>Run from the {@code command-side} directory after {@code mvn -pl command-side -am test-compile}:
 *
 * <pre>
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat /tmp/cp.txt)" \
 *     io.openloop.ledger.store.events.AppendThroughputMain 60000
 * </pre>
 *
 * Figures are single runs: read them as sizes, not promises.
 */
public final class AppendThroughputMain {

    private AppendThroughputMain() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        try (TestMongo mongo = TestMongo.start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            double batched = batchedWriter(client.getDatabase("throughput_batched"), events);
            double concurrent = concurrentSingleWriters(client.getDatabase("throughput_concurrent"), events, 16);
            System.out.printf(
                    "store: mongo-java-server 1.47.0, H2 file backend (background commit); %d events per run%n",
                    events);
            System.out.printf("1 writer, batches of 100 events:  %,.0f events/s%n", batched);
            System.out.printf(
                    "16 writers, single-event appends: %,.0f events/s (%.2fx)%n", concurrent, concurrent / batched);
        }
    }

    private static MongoEventStorageEngine engine(MongoDatabase database) {
        return MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(TestEvents.serializer())
                .build();
    }

    private static double batchedWriter(MongoDatabase database, int events) {
        MongoEventStorageEngine engine = engine(database);
        String account = newAccountId();
        long start = System.nanoTime();
        for (int seq = 0; seq < events; seq += 100) {
            List<EventMessage<?>> batch = new ArrayList<>(100);
            for (int i = seq; i < seq + 100; i++) {
                batch.add(credit(account, i));
            }
            engine.appendEvents(batch);
        }
        return events / seconds(start);
    }

    private static double concurrentSingleWriters(MongoDatabase database, int events, int writers) throws Exception {
        MongoEventStorageEngine engine = engine(database);
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        int perWriter = events / writers;
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(executor.submit(() -> {
                String account = newAccountId();
                for (long seq = 0; seq < perWriter; seq++) {
                    engine.appendEvents(credit(account, seq));
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double rate = perWriter * writers / seconds(start);
        executor.shutdown();
        System.out.printf(
                "group commit: %d appends in %d batches%n", engine.appendCalls(), engine.groupCommitBatches());
        return rate;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
