package io.openloop.ledger.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.RenameCollectionOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacing a collection by renaming another over it, as a projection replay swaps in its rebuilt read model. */
class EmbeddedRenameTest {

    private static final int DOCUMENTS = 20_000;

    @TempDir
    Path temporary;

    @Test
    void renameOverTargetKeepsDocumentsAndIndexesAfterReopen() {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(temporary);
        try (EmbeddedMongoStore store = EmbeddedMongoStore.open(options);
                MongoClient client = KillTrial.client(store.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            MongoCollection<Document> live = database.getCollection("loops");
            MongoCollection<Document> shadow = database.getCollection("loops__replay");
            live.createIndex(Indexes.ascending("handle"), new IndexOptions().unique(true));
            shadow.createIndex(Indexes.ascending("handle"), new IndexOptions().unique(true));
            live.insertOne(new Document("_id", "stale").append("handle", "@stale"));
            shadow.insertMany(loops(DOCUMENTS));

            long started = System.nanoTime();
            shadow.renameCollection(
                    new MongoNamespace("ledger", "loops"), new RenameCollectionOptions().dropTarget(true));
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf(
                    "[store] embedded: rename of %,d documents over a target took %d ms%n", DOCUMENTS, elapsedMillis);

            assertThat(collectionNames(database)).contains("loops").doesNotContain("loops__replay");
            assertThat(live.countDocuments()).isEqualTo(DOCUMENTS);
            assertThat(live.find(new Document("_id", "stale")).first()).isNull();
        }

        try (EmbeddedMongoStore store = EmbeddedMongoStore.open(options);
                MongoClient client = KillTrial.client(store.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            MongoCollection<Document> live = database.getCollection("loops");
            assertThat(live.countDocuments()).as("documents after reopen").isEqualTo(DOCUMENTS);
            assertThat(collectionNames(database)).doesNotContain("loops__replay");
            assertThat(live.find(new Document("handle", "@loop-7")).first())
                    .as("lookup by the renamed index")
                    .isNotNull();
            MongoWriteException duplicate = catchThrowableOfType(
                    () -> live.insertOne(new Document("_id", "another").append("handle", "@loop-7")),
                    MongoWriteException.class);
            assertThat(duplicate).as("unique index enforced after rename").isNotNull();
            assertThat(duplicate.getCode()).isEqualTo(11000);
        }
    }

    @Test
    void dropRemovesCollectionAndItsIndexes() {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(temporary);
        try (EmbeddedMongoStore store = EmbeddedMongoStore.open(options);
                MongoClient client = KillTrial.client(store.connectionString())) {
            MongoDatabase database = client.getDatabase("ledger");
            MongoCollection<Document> shadow = database.getCollection("tools__replay");
            shadow.createIndex(Indexes.ascending("handle"), new IndexOptions().unique(true));
            shadow.insertMany(loops(1_000));

            shadow.drop();

            assertThat(collectionNames(database)).doesNotContain("tools__replay");
            shadow.insertOne(new Document("_id", "loop-1").append("handle", "@loop-1"));
            assertThat(shadow.countDocuments())
                    .as("documents after drop and insert")
                    .isEqualTo(1);
        }
    }

    private static List<Document> loops(int count) {
        List<Document> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            documents.add(new Document("_id", "loop-" + i).append("handle", "@loop-" + i));
        }
        return documents;
    }

    private static List<String> collectionNames(MongoDatabase database) {
        return database.listCollectionNames().into(new ArrayList<>());
    }
}
