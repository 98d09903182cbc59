package io.openloop.ledger.store.sagas;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.store.testing.InProcessMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class MongoSagaStoreOnInProcessMongoTest extends MongoSagaStoreContract {

    private static InProcessMongo mongo;

    @BeforeAll
    static void startServer() {
        mongo = InProcessMongo.start();
        System.out.println("MongoSagaStore tests run on " + mongo.description());
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @Override
    protected MongoDatabase newDatabase() {
        return mongo.newDatabase("sagas");
    }
}
