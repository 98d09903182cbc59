package io.openloop.ledger.store.embedded;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * One crash trial: writers insert into a store process, the process is killed with SIGKILL while they still write,
 * and the trial records which inserts were acknowledged and which were only sent.
 */
final class KillTrial {

    static final String DATABASE = "ledger";
    static final String COLLECTION = "events";
    static final int SINGLE_WRITERS = 4;
    static final int BATCH_SIZE = 20;

    private static final String PAYLOAD = "p".repeat(500);

    /** Documents acknowledged by the killed store, by {@code _id}, with their unique {@code key}. */
    final Map<String, String> acknowledged = new ConcurrentHashMap<>();

    /** Documents sent to the killed store, acknowledged or not, by {@code _id}, with their unique {@code key}. */
    final Map<String, String> sent = new ConcurrentHashMap<>();

    private final AtomicInteger acknowledgedCount = new AtomicInteger();

    /**
     * Starts a store on {@code dataDirectory}, writes until at least {@code killAfter} documents are acknowledged, then
     * kills the store while the writers go on.
     */
    void run(Path dataDirectory, Durability durability, int killAfter, Path log) throws Exception {
        try (StoreProcess store = StoreProcess.start(dataDirectory, durability, log);
                MongoClient client = client(store.connectionString())) {
            MongoCollection<Document> events = events(client);
            events.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));

            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < SINGLE_WRITERS; w++) {
                int writer = w;
                writers.add(startThread("single-writer-" + w, () -> insertSingles(events, writer)));
            }
            writers.add(startThread("batch-writer", () -> insertBatches(events)));

            while (acknowledgedCount.get() < killAfter && writers.stream().allMatch(Thread::isAlive)) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            if (!writers.stream().allMatch(Thread::isAlive)) {
                throw new IllegalStateException("A writer stopped before the kill; see log " + log);
            }
            store.kill();

            for (Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(60));
            }
        }
    }

    private static Thread startThread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    static MongoClient client(String connectionString) {
        // No retried writes: an insert counts as acknowledged only when the store that ran it replied.
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .retryWrites(false)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    static MongoCollection<Document> events(MongoClient client) {
        return client.getDatabase(DATABASE).getCollection(COLLECTION);
    }

    static Document event(String id, String key) {
        return new Document("_id", id).append("key", key).append("payload", PAYLOAD);
    }

    private void insertSingles(MongoCollection<Document> events, int writer) {
        try {
            for (int sequence = 0; ; sequence++) {
                String id = "single-" + writer + "-" + sequence;
                String key = "key-" + id;
                sent.put(id, key);
                events.insertOne(event(id, key));
                acknowledged.put(id, key);
                acknowledgedCount.incrementAndGet();
            }
        } catch (RuntimeException expectedOnceKilled) {
            // The store was killed; the insert in flight counts as sent, not acknowledged.
        }
    }

    private void insertBatches(MongoCollection<Document> events) {
        try {
            for (int batch = 0; ; batch++) {
                List<Document> documents = new ArrayList<>();
                Map<String, String> keys = new ConcurrentHashMap<>();
                for (int i = 0; i < BATCH_SIZE; i++) {
                    String id = "batch-" + (batch * BATCH_SIZE + i);
                    keys.put(id, "key-" + id);
                    documents.add(event(id, "key-" + id));
                }
                sent.putAll(keys);
                events.insertMany(documents);
                acknowledged.putAll(keys);
                acknowledgedCount.addAndGet(BATCH_SIZE);
            }
        } catch (RuntimeException expectedOnceKilled) {
            // The store was killed; the batch in flight counts as sent, not acknowledged.
        }
    }

    /** Documents sent but absent after the reopen: a unique index must accept their keys again. */
    Set<String> keysSentButAbsent(Set<String> presentIds) {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        sent.forEach((id, key) -> {
            if (!presentIds.contains(id)) {
                keys.add(key);
            }
        });
        return keys;
    }
}
