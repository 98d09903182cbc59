package io.openloop.ledger.query.analytics;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.projection.loop.MemoryMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The analytics pipelines on the in-process store that the server embeds. */
class AnalyticsPipelinesOnInProcessMongoTest extends AnalyticsPipelinesContract {

    private static MemoryMongo mongo;

    @BeforeAll
    static void startMongo() {
        mongo = new MemoryMongo();
        System.out.println("[store] AnalyticsPipelinesOnInProcessMongoTest runs on mongo-java-server 1.47.0 (memory)");
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Override
    MongoDatabase newDatabase() {
        return mongo.newDatabase();
    }
}
