package io.openloop.ledger.store.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A client for a Testcontainers {@code mongo:7} single-node replica set. Test classes declare the container as a
 * static {@code @Container} field with {@code @Testcontainers(disabledWithoutDocker = true)}, so they are skipped
 * where no Docker engine runs, and connect this helper in {@code @BeforeAll}.
 */
public final class Mongo7Container implements AutoCloseable {

    private final MongoClient client;
    private final AtomicInteger databaseCount = new AtomicInteger();

    private Mongo7Container(MongoDBContainer container) {
        this.client = MongoClients.create(container.getConnectionString());
    }

    /** Returns a container definition for {@code mongo:7}; Testcontainers starts it. */
    public static MongoDBContainer container() {
        return new MongoDBContainer(DockerImageName.parse("mongo:7"));
    }

    /** Connects to a started container. */
    public static Mongo7Container connect(MongoDBContainer container) {
        return new Mongo7Container(container);
    }

    /** Returns a database no other caller of this instance has used. */
    public MongoDatabase newDatabase(String prefix) {
        return client.getDatabase(prefix + "_" + databaseCount.incrementAndGet());
    }

    /** Describes the server for the test log. */
    public String description() {
        Document buildInfo = client.getDatabase("admin").runCommand(new Document("buildInfo", 1));
        return "MongoDB " + buildInfo.getString("version") + " (Testcontainers mongo:7)";
    }

    @Override
    public void close() {
        client.close();
    }
}
