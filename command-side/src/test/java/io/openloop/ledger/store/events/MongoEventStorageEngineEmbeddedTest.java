package io.openloop.ledger.store.events;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Runs the event store contract on the in-process mongo-java-server with the H2 file backend. */
class MongoEventStorageEngineEmbeddedTest extends MongoEventStorageEngineContractTest {

    private static TestMongo mongo;

    @BeforeAll
    static void startStore() {
        mongo = TestMongo.start();
        System.out.println("[store] MongoEventStorageEngineEmbeddedTest runs on in-process mongo-java-server (H2 file "
                + mongo.dataFile() + ", " + mongo.connectionString() + ")");
    }

    @AfterAll
    static void stopStore() {
        mongo.close();
    }

    @Override
    protected String connectionString() {
        return mongo.connectionString();
    }
}
