package io.openloop.ledger.api.replay;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A MongoDB-wire store in memory (mongo-java-server's memory backend on a free loopback port) in which a replay builds
 * its read models. Its writes wait for no durable commit, so a replay applies each event at memory speed and copies
 * the result to the real store with {@code insertMany} at the end. The documents stay on the heap until it is closed.
 */
final class StagingStore implements AutoCloseable {

    static final int COPY_BATCH = 1000;

    private final MongoServer server;
    private final MongoClient client;

    private StagingStore(MongoServer server, MongoClient client) {
        this.server = server;
        this.client = client;
    }

    static StagingStore start() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        return new StagingStore(server, client);
    }

    MongoDatabase database() {
        return client.getDatabase("replay");
    }

    /** Inserts every document of the staged collection into {@code target}, and returns how many there were. */
    long copy(String collection, MongoCollection<Document> target) {
        long copied = 0;
        List<Document> batch = new ArrayList<>(COPY_BATCH);
        for (Document document : database().getCollection(collection).find().batchSize(COPY_BATCH)) {
            batch.add(document);
            if (batch.size() == COPY_BATCH) {
                target.insertMany(batch);
                copied += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            target.insertMany(batch);
            copied += batch.size();
        }
        return copied;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
