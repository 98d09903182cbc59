package io.openloop.ledger.api.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.openloop.ledger.api.EmbeddedStore;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the same writes through the staging store and through the driver on the embedded store, and expects the same
 * results, errors and documents from both.
 */
class StagingStoreTest {

    @RegisterExtension
    static final EmbeddedStore embedded = new EmbeddedStore();

    MongoDatabase wire;
    StagingStore staging;

    @BeforeEach
    void freshStores() {
        wire = embedded.client().getDatabase("staging_store_test");
        wire.drop();
        staging = StagingStore.start(wire.getCodecRegistry());
    }

    @AfterEach
    void closeStaging() {
        staging.close();
    }

    @Test
    void writesGiveTheSameResultsAndDocumentsAsTheDriverOnTheEmbeddedStore() {
        List<Object> overWire = script(wire);
        List<Object> staged = script(staging.database());

        assertThat(staged).isEqualTo(overWire);
        assertThat(overWire)
                .contains("insert a again: " + ErrorCategory.DUPLICATE_KEY)
                .contains("insert hash twice: " + ErrorCategory.DUPLICATE_KEY)
                .contains("set a at version 1: matched 1, modified 1, upserted null")
                .contains("set a at stale version 1: matched 0, modified 0, upserted null")
                .contains("upsert s1: matched 0, modified 0, upserted " + new BsonString("s1"))
                .contains("upsert s1 again: matched 1, modified 1, upserted null")
                .contains("delete b: 1");
        for (String name : List.of("accounts", "streams", "policies", "keys")) {
            assertThat(all(staging.database().getCollection(name)))
                    .as(name)
                    .isEqualTo(all(wire.getCollection(name)))
                    .isNotEmpty();
        }
    }

    @Test
    void copyInsertsEveryStagedDocumentIntoTheTarget() {
        MongoCollection<Document> stagedCollection = staging.database().getCollection("entries");
        for (int i = 0; i < StagingStore.COPY_BATCH + 5; i++) {
            stagedCollection.insertOne(new Document("_id", "e" + i).append("amount", (long) i));
        }

        long copied = staging.copy("entries", wire.getCollection("entries_copy", RawBsonDocument.class));

        assertThat(copied).isEqualTo(StagingStore.COPY_BATCH + 5);
        assertThat(all(wire.getCollection("entries_copy"))).isEqualTo(all(stagedCollection));
        assertThat(staging.copy("never_written", wire.getCollection("empty_copy", RawBsonDocument.class)))
                .isZero();
    }

    @Test
    void shadowWriterLeavesTheTargetEqualToTheStagedCollections() throws Exception {
        MongoDatabase target = embedded.client().getDatabase("staging_store_test_shadows");
        target.drop();
        MongoDatabase staged = staging.database();
        MongoCollection<Document> entries = staged.getCollection("entries");
        MongoCollection<Document> accounts = staged.getCollection("accounts");
        MongoCollection<Document> open = staged.getCollection("open");
        ShadowWriter writer = new ShadowWriter(staging, target, "rpl_test");

        for (int i = 0; i < 2 * ShadowWriter.BATCH + 7; i++) {
            entries.insertOne(new Document("_id", "e" + i).append("amount", (long) i));
            accounts.updateOne(
                    Filters.eq("_id", "a" + (i % 10)),
                    Updates.combine(Updates.set("last", (long) i), Updates.inc("count", 1)),
                    new UpdateOptions().upsert(true));
            open.insertOne(new Document("_id", "o" + i));
            if (i == ShadowWriter.BATCH) {
                assertThat(writer.writeChanges()).isEqualTo(ShadowWriter.BATCH + 1 + 10 + ShadowWriter.BATCH + 1);
            }
        }
        entries.deleteOne(Filters.eq("_id", "e3"));
        entries.replaceOne(Filters.eq("_id", "e4"), new Document("_id", "e4").append("amount", -4L));
        open.deleteMany(Filters.lt("_id", "o5"));

        ShadowWriter.Written written = writer.finish();

        assertThat(written.whileApplying()).isEqualTo(ShadowWriter.BATCH + 1 + 10 + ShadowWriter.BATCH + 1);
        for (String name : List.of("entries", "accounts", "open")) {
            assertThat(all(target.getCollection(name))).as(name).isEqualTo(all(staged.getCollection(name)));
        }
        assertThat(all(target.getCollection("entries"))).hasSize(2 * ShadowWriter.BATCH + 6);
        assertThat(target.getCollection("entries").find(Filters.eq("_id", "e4")).first())
                .isEqualTo(new Document("_id", "e4").append("amount", -4L));
        assertThat(all(target.getCollection("accounts")).get(0).getInteger("count"))
                .isEqualTo(201);
    }

    @Test
    void methodOutsideTheStagedApiThrowsUnsupportedOperation() {
        MongoCollection<Document> collection = staging.database().getCollection("entries");

        assertThatThrownBy(collection::countDocuments)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("countDocuments");
        assertThatThrownBy(() -> collection.find().sort(Sorts.ascending("_id")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("sort");
    }

    /** Runs a fixed series of writes of the kinds read-model handlers make, and returns what each one returned. */
    private static List<Object> script(MongoDatabase database) {
        List<Object> results = new ArrayList<>();
        MongoCollection<Document> accounts = database.getCollection("accounts");
        MongoCollection<Document> streams = database.getCollection("streams");
        MongoCollection<Document> policies = database.getCollection("policies");
        MongoCollection<Document> keys = database.getCollection("keys");
        accounts.createIndexes(
                List.of(new IndexModel(Indexes.ascending("_id", "version"), new IndexOptions().unique(true))));
        keys.createIndex(Indexes.ascending("hash"), new IndexOptions().unique(true));

        Date at = new Date(1_767_225_600_000L);
        accounts.insertOne(new Document("_id", "a")
                .append("version", 1L)
                .append("balance", 5L)
                .append("rate", Decimal128.parse("0.25"))
                .append("at", at)
                .append("tags", List.of("x", "y"))
                .append("limits", new Document("daily", 10).append("flag", true)));
        accounts.insertOne(new Document("_id", "b").append("version", 1L));
        results.add("insert a again: " + insertError(accounts, new Document("_id", "a").append("version", 9L)));

        Document setBalance = new Document("$set", new Document("balance", 7L).append("version", 2L));
        results.add("set a at version 1: " + describe(accounts.updateOne(versioned("a", 1L), setBalance)));
        results.add("set a at stale version 1: " + describe(accounts.updateOne(versioned("a", 1L), setBalance)));

        UpdateOptions upsert = new UpdateOptions().upsert(true);
        Bson s1 = Filters.eq("_id", "s1");
        results.add("upsert s1: " + describe(streams.updateOne(s1, streamUpdate("loop-1"), upsert)));
        results.add("upsert s1 again: " + describe(streams.updateOne(s1, streamUpdate("loop-2"), upsert)));
        results.add("upsert s1 same loop: " + describe(streams.updateOne(s1, streamUpdate("loop-2"), upsert)));

        ReplaceOptions replaceUpsert = new ReplaceOptions().upsert(true);
        Bson p1 = Filters.eq("_id", "p1");
        Document firstRules = new Document("_id", "p1").append("rules", List.of(1, 2));
        Document secondRules = new Document("_id", "p1").append("rules", List.of(3));
        results.add("replace p1: " + describe(policies.replaceOne(p1, firstRules, replaceUpsert)));
        results.add("replace p1 again: " + describe(policies.replaceOne(p1, secondRules, replaceUpsert)));
        Document missing = new Document("_id", "p9");
        results.add("replace missing: " + describe(policies.replaceOne(Filters.eq("_id", "p9"), missing)));

        keys.insertOne(new Document("_id", "k1").append("hash", "h"));
        results.add("insert hash twice: " + insertError(keys, new Document("_id", "k2").append("hash", "h")));
        results.add("revoke k1: " + describe(keys.updateOne(Filters.eq("_id", "k1"), Updates.set("revokedAt", at))));

        results.add("find missing: " + accounts.find(Filters.eq("_id", "zz")).first());
        results.add("find a: " + accounts.find(Filters.eq("_id", "a")).first());
        List<Document> some = new ArrayList<>();
        for (Document document : accounts.find(Filters.in("_id", List.of("a", "b", "c")))) {
            some.add(document);
        }
        results.add("find a and b: " + some.size());
        results.add("delete b: " + accounts.deleteOne(Filters.eq("_id", "b")).getDeletedCount());
        return results;
    }

    private static String describe(UpdateResult result) {
        return "matched " + result.getMatchedCount() + ", modified " + result.getModifiedCount() + ", upserted "
                + result.getUpsertedId();
    }

    private static Document versioned(String id, long version) {
        return new Document("_id", id).append("version", version);
    }

    private static Bson streamUpdate(String loop) {
        return Updates.combine(
                Updates.setOnInsert("aggregateType", "Loop"),
                Updates.addEachToSet("loops", List.of(loop)),
                Updates.set("subject", "stream-" + loop));
    }

    private static Object insertError(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return "inserted";
        } catch (MongoWriteException e) {
            return e.getError().getCategory();
        }
    }

    private static List<Document> all(MongoCollection<Document> collection) {
        List<Document> documents = new ArrayList<>();
        for (Document document : collection.find()) {
            documents.add(document);
        }
        documents.sort((left, right) -> left.getString("_id").compareTo(right.getString("_id")));
        return documents;
    }
}
