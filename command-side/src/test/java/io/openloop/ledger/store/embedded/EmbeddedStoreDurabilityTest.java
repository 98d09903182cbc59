package io.openloop.ledger.store.embedded;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a store process with SIGKILL while writers insert, reopens its file in a new process and checks that every
 * acknowledged document is there and that the unique indexes agree with the documents.
 */
class EmbeddedStoreDurabilityTest {

    private static final Path LOGS = Path.of("target", "embedded-store-logs");

    /** Keys re-inserted per writer to check that the unique index still contains them. */
    private static final int DUPLICATE_CHECKS_PER_WRITER = 25;

    @TempDir
    Path temporary;

    @RepeatedTest(3)
    void killedStoreKeepsAcknowledgedInserts(RepetitionInfo repetition) throws Exception {
        Durability durability = repetition.getCurrentRepetition() == 2 ? Durability.FSYNC : Durability.COMMIT;
        killReopenAndVerify(durability, repetition.getCurrentRepetition());
    }

    @Tag("long")
    @RepeatedTest(20)
    void killedStoreKeepsAcknowledgedInsertsOverManyTrials(RepetitionInfo repetition) throws Exception {
        Durability durability = repetition.getCurrentRepetition() % 2 == 0 ? Durability.FSYNC : Durability.COMMIT;
        killReopenAndVerify(durability, repetition.getCurrentRepetition());
    }

    private void killReopenAndVerify(Durability durability, int trialNumber) throws Exception {
        Path dataDirectory = temporary.resolve("store");
        Path log = LOGS.resolve("durability-" + durability + "-" + trialNumber + "-" + System.nanoTime() + ".log");
        // Vary the kill point so that trials kill the store in different states.
        int killAfter = 800 + 600 * (trialNumber % 5);

        KillTrial trial = new KillTrial();
        trial.run(dataDirectory, durability, killAfter, log);
        assertThat(trial.acknowledged).hasSizeGreaterThanOrEqualTo(killAfter);

        try (StoreProcess reopened = StoreProcess.start(dataDirectory, durability, log);
                MongoClient client = KillTrial.client(reopened.connectionString())) {
            MongoCollection<Document> events = KillTrial.events(client);
            Map<String, String> present = readAllByScan(events);

            Set<String> lost = new TreeSet<>(trial.acknowledged.keySet());
            lost.removeAll(present.keySet());
            assertThat(lost).as("acknowledged documents missing after SIGKILL").isEmpty();

            Set<String> unexpected = new TreeSet<>(present.keySet());
            unexpected.removeAll(trial.sent.keySet());
            assertThat(unexpected).as("documents that were never sent").isEmpty();

            assertThat(countByIn(events, "_id", present.keySet()))
                    .as("documents found through the _id index")
                    .isEqualTo(present.size());
            assertThat(countByIn(events, "key", present.values()))
                    .as("documents found through the unique key index")
                    .isEqualTo(present.size());

            for (String key : keysToReinsert(present)) {
                MongoWriteException duplicate = catchThrowableOfType(
                        () -> events.insertOne(KillTrial.event("duplicate-of-" + key, key)), MongoWriteException.class);
                assertThat(duplicate).as("re-insert of existing key %s", key).isNotNull();
                assertThat(duplicate.getCode()).as("error code for key %s", key).isEqualTo(11000);
            }

            for (String key : trial.keysSentButAbsent(present.keySet())) {
                assertThatCode(() -> events.insertOne(KillTrial.event("retry-of-" + key, key)))
                        .as("insert of key %s that the reopened store does not hold", key)
                        .doesNotThrowAnyException();
            }

            assertThat(reopened.stop()).as("exit status after SIGTERM").isEqualTo(143);
        }
    }

    /** Reads every document by a full scan, which uses no index, as {@code _id} to {@code key}. */
    private static Map<String, String> readAllByScan(MongoCollection<Document> events) {
        Map<String, String> documents = new HashMap<>();
        for (Document document : events.find().projection(include("_id", "key"))) {
            documents.put(document.getString("_id"), document.getString("key"));
        }
        return documents;
    }

    /**
     * Counts documents found by an {@code $in} on a field with a unique index, which the store serves from that index.
     */
    private static int countByIn(MongoCollection<Document> events, String field, Iterable<String> values) {
        List<Document> found =
                events.find(in(field, values)).projection(include("_id")).into(new ArrayList<>());
        return found.size();
    }

    /** Returns the keys of the last documents of each writer, which the kill most likely caught half written. */
    private static Set<String> keysToReinsert(Map<String, String> present) {
        Map<String, TreeSet<Long>> sequencesByWriter = new HashMap<>();
        for (String id : present.keySet()) {
            int split = id.lastIndexOf('-');
            sequencesByWriter
                    .computeIfAbsent(id.substring(0, split), writer -> new TreeSet<>())
                    .add(Long.parseLong(id.substring(split + 1)));
        }

        Set<String> keys = new HashSet<>();
        for (Map.Entry<String, TreeSet<Long>> writer : sequencesByWriter.entrySet()) {
            writer.getValue().descendingSet().stream()
                    .limit(DUPLICATE_CHECKS_PER_WRITER)
                    .forEach(sequence -> keys.add(present.get(writer.getKey() + "-" + sequence)));
        }
        return keys;
    }
}
