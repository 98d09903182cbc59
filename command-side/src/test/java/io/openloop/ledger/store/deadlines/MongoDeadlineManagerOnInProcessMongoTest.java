package io.openloop.ledger.store.deadlines;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.store.testing.InProcessMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class MongoDeadlineManagerOnInProcessMongoTest extends MongoDeadlineManagerContract {

    private static InProcessMongo mongo;

    @BeforeAll
    static void startServer() {
        mongo = InProcessMongo.start();
        System.out.println("MongoDeadlineManager tests run on " + mongo.description());
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @Override
    protected MongoDatabase newDatabase() {
        return mongo.newDatabase("deadlines");
    }
}
