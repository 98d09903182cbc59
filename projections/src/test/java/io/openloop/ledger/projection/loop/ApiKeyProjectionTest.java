package io.openloop.ledger.projection.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyIssuedEvent;
import io.openloop.ledger.messages.loop.ApiKeyRevokedEvent;
import io.openloop.ledger.projection.MemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code api_keys} and {@code loop_keys} read models, built by calling the projection as a plain object. */
class ApiKeyProjectionTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private static MemoryMongo mongo;
    private static int databases;

    private ApiKeyProjection projection;
    private MongoCollection<Document> keys;
    private MongoCollection<Document> loopKeys;

    @BeforeAll
    static void startMongo() {
        mongo = new MemoryMongo();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        MongoDatabase database = mongo.database("keys_" + ++databases);
        projection = new ApiKeyProjection(database);
        keys = database.getCollection(LoopReadModels.API_KEYS);
        loopKeys = database.getCollection(LoopReadModels.LOOP_KEYS);
    }

    private static ApiKeyIssuedEvent issued(String keyId, String hash, boolean owner, String replaces, Instant at) {
        return new ApiKeyIssuedEvent(
                "loop_1",
                keyId,
                "ci",
                KeyMode.LIVE,
                Set.of(Scope.TOOLS_INVOKE, Scope.AAP_SEND),
                owner,
                hash,
                "lk_live_ab",
                null,
                replaces,
                at);
    }

    private void applyHistory() {
        projection.on(issued("key_owner", "a".repeat(64), true, null, T0));
        projection.on(issued("key_ci", "b".repeat(64), false, null, T0.plusSeconds(1)));
        projection.on(issued("key_ci2", "c".repeat(64), false, "key_ci", T0.plusSeconds(2)));
        projection.on(new ApiKeyRevokedEvent("loop_1", "key_ci", T0.plusSeconds(2)));
    }

    @Test
    void issuedKeyIsStoredWithHashAndScopes() {
        projection.on(issued("key_owner", "a".repeat(64), true, null, T0));

        Document key = keys.find(Filters.eq("hash", "a".repeat(64))).first();
        assertThat(key.getString("_id")).isEqualTo("key_owner");
        assertThat(key.getList("scopes", String.class)).containsExactly("aap:send", "tools:invoke");
        assertThat(key.getBoolean("owner")).isTrue();
        assertThat(key.get("revokedAt")).isNull();
    }

    @Test
    void loopKeysListsIdsInIssueOrder() {
        applyHistory();

        Document list = loopKeys.find(Filters.eq("_id", "loop_1")).first();
        assertThat(list.getList("keyIds", String.class)).containsExactly("key_owner", "key_ci", "key_ci2");
    }

    @Test
    void revokedKeyRecordsRevocationTime() {
        applyHistory();

        Document key = keys.find(Filters.eq("_id", "key_ci")).first();
        assertThat(key.getDate("revokedAt")).isEqualTo(Date.from(T0.plusSeconds(2)));
    }

    @Test
    void replayingSameEventsTwiceGivesSameDocuments() {
        applyHistory();
        List<Document> firstKeys = keys.find().into(new ArrayList<>());
        List<Document> firstLists = loopKeys.find().into(new ArrayList<>());

        applyHistory();

        assertThat(keys.find().into(new ArrayList<>())).isEqualTo(firstKeys);
        assertThat(loopKeys.find().into(new ArrayList<>())).isEqualTo(firstLists);
    }

    @Test
    void sameHashUnderAnotherKeyIdIsRaised() {
        projection.on(issued("key_a", "d".repeat(64), false, null, T0));

        assertThatThrownBy(() -> projection.on(issued("key_b", "d".repeat(64), false, null, T0)))
                .isInstanceOf(MongoWriteException.class);
    }
}
