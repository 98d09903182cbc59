package io.openloop.ledger.store.deadlines;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.store.testing.Mongo7Container;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class MongoDeadlineManagerOnMongo7Test extends MongoDeadlineManagerContract {

    @Container
    private static final MongoDBContainer CONTAINER = Mongo7Container.container();

    private static Mongo7Container mongo;

    @BeforeAll
    static void connect() {
        mongo = Mongo7Container.connect(CONTAINER);
        System.out.println("MongoDeadlineManager tests run on " + mongo.description());
    }

    @AfterAll
    static void disconnect() {
        mongo.close();
    }

    @Override
    protected MongoDatabase newDatabase() {
        return mongo.newDatabase("deadlines");
    }
}
