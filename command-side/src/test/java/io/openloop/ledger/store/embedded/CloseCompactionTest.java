package io.openloop.ledger.store.embedded;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloseCompactionTest {

    private static final int DOCUMENTS = 300;
    private static final int UPDATES_PER_DOCUMENT = 5;

    @TempDir
    Path dataDirectory;

    @Test
    void closeShrinksFileAndKeepsDocuments() throws Exception {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(dataDirectory);
        long sizeBeforeClose;
        try (EmbeddedMongoStore store = EmbeddedMongoStore.open(options);
                MongoClient client = KillTrial.client(store.connectionString())) {
            MongoCollection<Document> events = KillTrial.events(client);
            for (int i = 0; i < DOCUMENTS; i++) {
                events.insertOne(KillTrial.event("event-" + i, "key-" + i));
            }
            // Every committed update leaves the replaced pages behind in older chunks.
            for (int round = 0; round < UPDATES_PER_DOCUMENT; round++) {
                for (int i = 0; i < DOCUMENTS; i++) {
                    events.updateOne(eq("_id", "event-" + i), set("round", round));
                }
            }
            sizeBeforeClose = store.fileSizeBytes();
        }

        assertThat(Files.size(options.dataFile())).as("file size after close").isLessThan(sizeBeforeClose);
        assertThat(options.dataFile().resolveSibling("ledger.mv.db.tempFile")).doesNotExist();

        try (EmbeddedMongoStore reopened = EmbeddedMongoStore.open(options);
                MongoClient client = KillTrial.client(reopened.connectionString())) {
            MongoCollection<Document> events = KillTrial.events(client);
            assertThat(events.countDocuments()).isEqualTo(DOCUMENTS);
            assertThat(events.countDocuments(eq("round", UPDATES_PER_DOCUMENT - 1)))
                    .as("documents with the last update")
                    .isEqualTo(DOCUMENTS);
        }
    }

    @Test
    void openDeletesCopyOfInterruptedCompaction() throws Exception {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(dataDirectory);
        EmbeddedMongoStore.open(options).close();
        Path leftover = options.dataFile().resolveSibling("ledger.mv.db.tempFile");
        Files.write(leftover, new byte[] {1, 2, 3});

        try (EmbeddedMongoStore reopened = EmbeddedMongoStore.open(options)) {
            assertThat(leftover).doesNotExist();
            assertThat(reopened.dataFile()).exists();
        }
    }
}
