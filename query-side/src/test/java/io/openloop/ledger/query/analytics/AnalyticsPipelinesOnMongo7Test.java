package io.openloop.ledger.query.analytics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** The analytics pipelines on a real {@code mongo:7}; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class AnalyticsPipelinesOnMongo7Test extends AnalyticsPipelinesContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer(DockerImageName.parse("mongo:7"));

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(MONGO.getConnectionString());
        System.out.println("[store] AnalyticsPipelinesOnMongo7Test runs on Testcontainers mongo:7");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    MongoDatabase newDatabase() {
        return client.getDatabase("analytics_" + DATABASES.incrementAndGet());
    }
}
