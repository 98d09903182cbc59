package io.openloop.ledger.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoStoreTest {

    @TempDir
    Path temporary;

    @Test
    void openCreatesDataDirectoryAndFile() {
        Path dataDirectory = temporary.resolve("nested").resolve("store");

        try (EmbeddedMongoStore store = EmbeddedMongoStore.open(EmbeddedStoreOptions.defaults(dataDirectory))) {
            assertThat(store.dataFile())
                    .isEqualTo(dataDirectory.resolve("ledger.mv.db").toAbsolutePath());
            assertThat(store.dataFile()).exists();
            assertThat(store.connectionString()).isEqualTo("mongodb://127.0.0.1:" + store.port());
            assertThat(store.port()).isPositive();
        }
    }

    @Test
    void documentsSurviveCloseAndReopenInBothModes() {
        for (Durability durability : Durability.values()) {
            EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(temporary.resolve(durability.name()))
                    .withDurability(durability);
            try (EmbeddedMongoStore store = EmbeddedMongoStore.open(options);
                    MongoClient client = KillTrial.client(store.connectionString())) {
                KillTrial.events(client).insertOne(KillTrial.event("event-1", "key-1"));
            }

            try (EmbeddedMongoStore store = EmbeddedMongoStore.open(options);
                    MongoClient client = KillTrial.client(store.connectionString())) {
                assertThat(KillTrial.events(client).countDocuments())
                        .as("documents after reopen in %s mode", durability)
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void insertBatchStoppedByDuplicateKeepsEarlierDocuments() {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(temporary);
        try (EmbeddedMongoStore store = EmbeddedMongoStore.open(options);
                MongoClient client = KillTrial.client(store.connectionString())) {
            MongoCollection<Document> events = KillTrial.events(client);
            events.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            events.insertOne(KillTrial.event("existing", "key-taken"));
            long commitsBefore = store.commitCount();

            MongoBulkWriteException failure = catchThrowableOfType(
                    () -> events.insertMany(List.of(
                            KillTrial.event("new-1", "key-new-1"),
                            KillTrial.event("new-2", "key-taken"),
                            KillTrial.event("new-3", "key-new-3"))),
                    MongoBulkWriteException.class);

            assertThat(failure).isNotNull();
            assertThat(failure.getWriteErrors().get(0).getCode()).isEqualTo(11000);
            assertThat(store.commitCount()).as("commits after the failed batch").isGreaterThan(commitsBefore);
            assertThat(events.countDocuments()).isEqualTo(2);
        }
    }

    @Test
    void closeIsIdempotent() {
        EmbeddedMongoStore store = EmbeddedMongoStore.open(EmbeddedStoreOptions.defaults(temporary));
        long fileSize = store.fileSizeBytes();

        store.close();
        store.close();

        assertThat(fileSize).isPositive();
        assertThat(store.fileSizeBytes()).isZero();
    }
}
