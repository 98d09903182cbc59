package io.openloop.ledger.projection.loop;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.atomic.AtomicInteger;

/** A mongo-java-server with the memory backend on 127.0.0.1 and a free port, with a client connected to it. */
public final class MemoryMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;
    private final AtomicInteger databases = new AtomicInteger();

    public MemoryMongo() {
        this.server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        this.client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    /** Returns a database no earlier caller used, so tests do not see each other's documents. */
    public MongoDatabase newDatabase() {
        return client.getDatabase("test_" + databases.incrementAndGet());
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
