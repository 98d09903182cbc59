package io.openloop.ledger.store.events;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Runs the event store contract on a real MongoDB 7 replica set in a container; skipped where no Docker runs. */
@Testcontainers(disabledWithoutDocker = true)
class MongoEventStorageEngineContainerTest extends MongoEventStorageEngineContractTest {

    @Container
    private static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7");

    @BeforeAll
    static void announceStore() {
        System.out.println("[store] MongoEventStorageEngineContainerTest runs on MongoDB 7 replica set in a container ("
                + MONGO.getConnectionString() + ")");
    }

    @Override
    protected String connectionString() {
        return MONGO.getConnectionString();
    }
}
