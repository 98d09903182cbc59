package io.openloop.ledger.store.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;

/**
 * Measures insert rates and file sizes of the embedded store. Not a test: run it by hand, for example
 *
 * <pre>
 * java -cp "$(cat target/test-classpath.txt):target/classes:target/test-classes" \
 *     io.openloop.ledger.store.embedded.EmbeddedStoreBenchmark /tmp/bench 10000 100000 all
 * </pre>
 *
 * <p>Arguments: work directory (its subdirectories are deleted first), documents for the single-writer runs, documents
 * for the 16-writer runs, and which runs: {@code all} (default), {@code baseline}, {@code commit} or {@code fsync}.
 * Each insert is one {@code insertOne} of a document of about 600 bytes into a collection with a unique index on {@code
 * (aggregateId, sequence)}, as an event store would write. The baseline is mongo-java-server's {@code
 * H2Backend(fileName)}, which commits in the background.
 */
public final class EmbeddedStoreBenchmark {

    private static final int WRITERS = 16;
    private static final String PAYLOAD = "x".repeat(480);

    private EmbeddedStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path workDirectory = Path.of(args.length > 0 ? args[0] : "target/benchmark");
        int singleWriterDocs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int concurrentDocs = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        String only = args.length > 3 ? args[3] : "all";

        if (only.equals("all") || only.equals("baseline")) {
            runBaseline(workDirectory.resolve("baseline"), concurrentDocs);
        }
        for (Durability durability : Durability.values()) {
            if (only.equals("all") || only.equalsIgnoreCase(durability.name())) {
                runDurable(
                        workDirectory.resolve(durability.name().toLowerCase(Locale.ROOT) + "-1"),
                        durability,
                        1,
                        singleWriterDocs);
                runDurable(
                        workDirectory.resolve(durability.name().toLowerCase(Locale.ROOT) + "-16"),
                        durability,
                        WRITERS,
                        concurrentDocs);
            }
        }
    }

    private static void runDurable(Path directory, Durability durability, int writers, int documents) throws Exception {
        deleteRecursively(directory);
        EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(directory).withDurability(durability);
        long sizeBeforeClose;
        long writes;
        long commits;
        double rate;
        try (EmbeddedMongoStore store = EmbeddedMongoStore.open(options)) {
            rate = insert(store.connectionString(), writers, documents);
            sizeBeforeClose = Files.size(store.dataFile());
            writes = store.writeCount();
            commits = store.commitCount();
        }
        long sizeAfterClose = Files.size(options.dataFile());
        System.out.printf(
                Locale.ROOT,
                "%-8s writers=%2d docs=%7d  %8.0f inserts/s  writes=%d commits=%d (%.1f writes/commit)"
                        + "  file %.1f MiB before close, %.1f MiB after close%n",
                durability,
                writers,
                documents,
                rate,
                writes,
                commits,
                (double) writes / commits,
                sizeBeforeClose / 1048576.0,
                sizeAfterClose / 1048576.0);
    }

    private static void runBaseline(Path directory, int documents) throws Exception {
        deleteRecursively(directory);
        Files.createDirectories(directory);
        Path file = directory.resolve("baseline.mv.db");
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        String connectionString = server.bindAndGetConnectionString();
        double rate;
        long sizeBeforeClose;
        try {
            rate = insert(connectionString, WRITERS, documents);
            sizeBeforeClose = Files.size(file);
        } finally {
            server.shutdownNow();
        }
        System.out.printf(
                Locale.ROOT,
                "BASELINE (background commit) writers=%2d docs=%7d  %8.0f inserts/s"
                        + "  file %.1f MiB before close, %.1f MiB after close%n",
                WRITERS,
                documents,
                rate,
                sizeBeforeClose / 1048576.0,
                Files.size(file) / 1048576.0);
    }

    /** Inserts {@code documents} single documents from {@code writers} threads and returns inserts per second. */
    private static double insert(String connectionString, int writers, int documents) throws Exception {
        try (MongoClient client = MongoClients.create(connectionString)) {
            MongoCollection<Document> events = client.getDatabase("ledger").getCollection("events");
            events.createIndex(Indexes.ascending("aggregateId", "sequence"), new IndexOptions().unique(true));

            ExecutorService pool = Executors.newFixedThreadPool(writers);
            int perWriter = documents / writers;
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        events.insertOne(event(writer, i));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            long elapsed = System.nanoTime() - start;
            pool.shutdown();
            return perWriter * (double) writers / (elapsed / 1e9);
        }
    }

    static Document event(int writer, int sequence) {
        return new Document("_id", "evt-" + writer + "-" + sequence)
                .append("aggregateId", "agg-" + writer + "-" + (sequence / 50))
                .append("sequence", sequence)
                .append("type", "CreditsHeldEvent")
                .append("timestamp", System.currentTimeMillis())
                .append("payload", PAYLOAD);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
