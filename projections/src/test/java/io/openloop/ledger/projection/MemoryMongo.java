package io.openloop.ledger.projection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** A mongo-java-server with the memory backend on 127.0.0.1 and a free port, with a client connected to it. */
public final class MemoryMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    public MemoryMongo() {
        this.server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        this.client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
