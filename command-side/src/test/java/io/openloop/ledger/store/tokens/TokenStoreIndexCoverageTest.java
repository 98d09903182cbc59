package io.openloop.ledger.store.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import io.openloop.ledger.store.testing.InProcessMongo;
import io.openloop.ledger.store.testing.RecordedQuery;
import io.openloop.ledger.store.testing.RecordingCommandListener;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lists every filter the token store sends beside the index that serves it on MongoDB: the first field of the filter
 * must be the first key of a declared index (or {@code _id}), so the server reads one index entry and checks the rest
 * of the filter on that document. The tokens collection contains one document per segment, so on the in-process store,
 * which serves only exact unique-index matches, the same filters scan a handful of documents.
 */
class TokenStoreIndexCoverageTest {

    private static final RecordingCommandListener commands = new RecordingCommandListener();
    private static InProcessMongo mongo;

    @BeforeAll
    static void startServer() {
        mongo = InProcessMongo.start(commands);
        System.out.println("[store] TokenStoreIndexCoverageTest runs on " + mongo.description());
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @Test
    void everyTokenStoreQueryHasADeclaredIndex() {
        MongoDatabase database = mongo.newDatabase("token_indexes");
        MongoTokenStore store = MongoTokenStore.builder()
                .database(database)
                .serializer(JacksonSerializer.defaultSerializer())
                .nodeId("node-a")
                .build();
        store.createIndexes();

        commands.start();
        store.initializeTokenSegments("loops", 2);
        store.fetchToken("loops", 0);
        store.storeToken(new GlobalSequenceTrackingToken(5), "loops", 0);
        store.extendClaim("loops", 0);
        store.fetchToken("loops", Segment.computeSegment(1, 0, 1));
        store.fetchSegments("loops");
        store.fetchAvailableSegments("loops");
        store.releaseClaim("loops", 0);
        store.initializeSegment(null, "loops", 2);
        store.fetchToken("loops", 2);
        store.deleteToken("loops", 2);
        store.retrieveStorageIdentifier();
        List<RecordedQuery> queries = commands.stop();

        List<String> leadingKeys = new ArrayList<>(List.of("_id"));
        for (IndexModel index : store.indexModels()) {
            leadingKeys.add(index.getKeys().toBsonDocument().getFirstKey());
        }
        List<String> report = new ArrayList<>();
        int unserved = 0;
        for (RecordedQuery query : queries) {
            String leading = leadingField(query.filter());
            boolean served = leadingKeys.contains(leading);
            if (!served) {
                unserved++;
            }
            report.add(String.format("%-24s <- %s", served ? "index on " + leading : "NO INDEX", query));
        }

        assertThat(queries).isNotEmpty();
        assertThat(unserved)
                .as(
                        "token store queries without a declared index (index <- query):%n    %s",
                        String.join("\n    ", report))
                .isZero();
    }

    /** Returns the filter's first field; MongoDB's planner reads a top-level {@code $and} as its conjuncts. */
    private static String leadingField(BsonDocument filter) {
        if (filter.isEmpty()) {
            return "(no filter)";
        }
        String first = filter.getFirstKey();
        if (first.equals("$and")) {
            return leadingField(filter.getArray("$and").get(0).asDocument());
        }
        return first;
    }
}
