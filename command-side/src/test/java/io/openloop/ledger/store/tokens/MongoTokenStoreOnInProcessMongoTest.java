package io.openloop.ledger.store.tokens;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.store.testing.InProcessMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class MongoTokenStoreOnInProcessMongoTest extends MongoTokenStoreContract {

    private static InProcessMongo mongo;

    @BeforeAll
    static void startServer() {
        mongo = InProcessMongo.start();
        System.out.println("MongoTokenStore tests run on " + mongo.description());
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @Override
    protected MongoDatabase newDatabase() {
        return mongo.newDatabase("tokens");
    }
}
