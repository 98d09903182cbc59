package io.openloop.ledger.store.embedded;

import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent writers of one store share commits, and every acknowledged insert is in the file after a reopen. */
class GroupCommitTest {

    private static final int WRITERS = 16;
    private static final int INSERTS_PER_WRITER = 150;

    @TempDir
    Path dataDirectory;

    @Test
    void concurrentInsertsShareCommitsAndSurviveReopen() throws Exception {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(dataDirectory);
        List<String> ids = new ArrayList<>();
        long writes;
        long commits;

        try (EmbeddedMongoStore store = EmbeddedMongoStore.open(options);
                MongoClient client = KillTrial.client(store.connectionString())) {
            MongoCollection<Document> events = KillTrial.events(client);
            long commitsBefore = store.commitCount();
            long writesBefore = store.writeCount();

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                results.add(pool.submit(() -> insert(events, writer)));
            }
            for (Future<List<String>> result : results) {
                ids.addAll(result.get());
            }
            pool.shutdown();

            writes = store.writeCount() - writesBefore;
            commits = store.commitCount() - commitsBefore;
        }

        assertThat(writes).as("write commands").isEqualTo((long) WRITERS * INSERTS_PER_WRITER);
        assertThat(commits).as("commits for %d write commands", writes).isLessThan(writes);

        try (EmbeddedMongoStore reopened = EmbeddedMongoStore.open(options);
                MongoClient client = KillTrial.client(reopened.connectionString())) {
            MongoCollection<Document> events = KillTrial.events(client);
            assertThat(events.countDocuments()).as("documents after reopen").isEqualTo(ids.size());
            assertThat(events.find(in("_id", ids)).into(new ArrayList<>()))
                    .as("acknowledged documents found by _id")
                    .hasSize(ids.size());
        }
    }

    private static List<String> insert(MongoCollection<Document> events, int writer) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < INSERTS_PER_WRITER; i++) {
            String id = "writer-" + writer + "-" + i;
            events.insertOne(KillTrial.event(id, "key-" + id));
            ids.add(id);
        }
        return ids;
    }
}
