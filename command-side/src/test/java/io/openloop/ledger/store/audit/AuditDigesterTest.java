package io.openloop.ledger.store.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.store.events.MongoEventStorageEngine;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.testing.InProcessMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditDigesterTest {

    private static InProcessMongo mongo;

    private StoredTrail trail;

    @BeforeAll
    static void startServer() {
        mongo = InProcessMongo.start();
        System.out.println("AuditDigester tests run on " + mongo.description());
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void newStore() {
        trail = new StoredTrail(mongo.newDatabase("digest"));
    }

    @Test
    void checkpointsEveryFullBlock() {
        trail.append(2_500, 50);

        int blocks = trail.digester().digestAvailable();

        assertThat(blocks).isEqualTo(2);
        assertThat(trail.checkpoints.nextUndigested()).isEqualTo(2_000);
        Checkpoint first = trail.checkpoints.find(999);
        Checkpoint second = trail.checkpoints.find(1_999);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(first.first()).isZero();
        assertThat(second.first()).isEqualTo(1_000);
        assertThat(first.events()).isEqualTo(1_000);
        assertThat(first.voids()).isZero();
        assertThat(first.wellFormed()).isTrue();
        assertThat(first.at()).isEqualTo(trail.clock.instant().toString());
        assertThat(first.digest()).isEqualTo(trail.foldDigest(1_000));
        assertThat(second.digest()).isEqualTo(trail.foldDigest(2_000));
        assertThat(trail.checkpoints.find(2_999)).isNull();
    }

    @Test
    void marksNameEachPositionsHash() {
        trail.append(1_000, 50);

        trail.digester().digestAvailable();

        Checkpoint checkpoint = trail.checkpoints.find(999);
        for (long position : List.of(0L, 1L, 517L, 999L)) {
            String hash = trail.at(position).hash();
            assertThat(checkpoint.markAt(position)).as("mark at %d", position).isEqualTo(hash.substring(0, 16));
        }
    }

    @Test
    void checkpointDocumentShape() {
        trail.append(1_000, 50);

        trail.digester().digestAvailable();

        Document stored = trail.database
                .getCollection(AuditCheckpoints.COLLECTION)
                .find(eq("_id", 999L))
                .first();
        assertThat(stored).isNotNull();
        assertThat(stored.get("_id")).isEqualTo(999L);
        assertThat(stored.get("first")).isEqualTo(0L);
        assertThat(stored.get("events")).isEqualTo(1_000);
        assertThat(stored.get("voids")).isEqualTo(0);
        assertThat(stored.getString("digest")).hasSize(64);
        assertThat(stored.getString("marks")).hasSize(16_000);
        assertThat(stored.getString("at")).isNotBlank();
        Document progress = trail.database
                .getCollection("sequences")
                .find(eq("_id", AuditCheckpoints.PROGRESS_ID))
                .first();
        assertThat(progress).isNotNull();
        assertThat(((Number) progress.get("next")).longValue()).isEqualTo(1_000L);
    }

    @Test
    void partialBlockNotCheckpointed() {
        trail.append(999, 50);

        assertThat(trail.digester().digestAvailable()).isZero();
        assertThat(trail.checkpoints.find(999)).isNull();
        assertThat(trail.checkpoints.nextUndigested()).isZero();
    }

    @Test
    void voidPositionsMarkedAndNotFolded() {
        trail.appendTo("acct_void");
        trail.appendTo("acct_void");
        assertThat(trail.appendRejected("acct_void")).isEqualTo(2);
        trail.append(1_000, 50);

        trail.digester().digestAvailable();

        Checkpoint checkpoint = trail.checkpoints.find(999);
        assertThat(trail.at(2).kind()).isEqualTo(StoredEntry.Kind.VOID);
        assertThat(checkpoint.markAt(2)).isEqualTo(Checkpoint.VOID_MARK);
        assertThat(checkpoint.voids()).isEqualTo(1);
        assertThat(checkpoint.events()).isEqualTo(999);
        assertThat(checkpoint.digest()).isEqualTo(trail.foldDigest(1_000));
    }

    @Test
    void missingPositionWaitedForThenFenced() {
        trail.append(10, 10);
        long abandoned = trail.allocatePositions(1);
        trail.append(1_000, 50);
        AuditDigester digester = trail.digester();

        assertThat(digester.digestAvailable()).isZero();
        trail.clock.advance(StoredTrail.GAP_TIMEOUT.minusSeconds(1));
        assertThat(digester.digestAvailable()).isZero();
        assertThat(trail.at(abandoned).kind()).isEqualTo(StoredEntry.Kind.MISSING);

        trail.clock.advance(StoredTrail.GAP_TIMEOUT);
        assertThat(digester.digestAvailable()).isEqualTo(1);

        StoredEntry fenced = trail.at(abandoned);
        assertThat(fenced.kind()).isEqualTo(StoredEntry.Kind.VOID);
        assertThat(fenced.voidReason()).isEqualTo("gap-timeout");
        assertThat(trail.checkpoints.find(999).markAt(abandoned)).isEqualTo(Checkpoint.VOID_MARK);
    }

    @Test
    void lateCommitDigestedAsEvent() {
        trail.append(10, 10);
        long late = trail.allocatePositions(1);
        trail.append(1_000, 50);
        AuditDigester digester = trail.digester();
        assertThat(digester.digestAvailable()).isZero();

        // The commit that took the position arrives before the gap timeout, written here as its writer would.
        Document commit = trail.commitAt(0);
        Document arrived = new Document(commit)
                .append("_id", late)
                .append("pos", List.of(late))
                .append("keys", List.of("acct_late:0"))
                .append("stream", "acct_late");
        List<Document> events = new ArrayList<>();
        events.add(new Document(commit.getList("events", Document.class).get(0)).append("pos", late));
        arrived.put("events", events);
        trail.events().insertOne(arrived);

        assertThat(digester.digestAvailable()).isEqualTo(1);
        assertThat(trail.checkpoints.find(999).markAt(late))
                .isEqualTo(trail.at(late).hash().substring(0, 16));
    }

    @Test
    void missingPreviousCheckpointStopsDigest() {
        trail.append(2_000, 50);
        AuditDigester digester = trail.digester();
        digester.digestAvailable();
        trail.database.getCollection(AuditCheckpoints.COLLECTION).deleteOne(eq("_id", 999L));
        trail.database.getCollection(AuditCheckpoints.COLLECTION).deleteOne(eq("_id", 1_999L));
        trail.database
                .getCollection("sequences")
                .updateOne(eq("_id", AuditCheckpoints.PROGRESS_ID), new Document("$set", new Document("next", 1_000L)));

        assertThat(digester.digestAvailable()).isZero();
        assertThat(trail.checkpoints.find(1_999)).isNull();
        assertThat(trail.checkpoints.nextUndigested()).isEqualTo(1_000);
    }

    @Test
    void changedBlockKeepsStoredCheckpoint() {
        trail.append(1_000, 50);
        AuditDigester digester = trail.digester();
        digester.digestAvailable();
        Checkpoint before = trail.checkpoints.find(999);
        trail.changePayloadByte(5);
        trail.database
                .getCollection("sequences")
                .updateOne(eq("_id", AuditCheckpoints.PROGRESS_ID), new Document("$set", new Document("next", 0L)));
        trail.swapCommits(3, 4);

        assertThat(digester.digestAvailable()).isEqualTo(1);

        Checkpoint after = trail.checkpoints.find(999);
        assertThat(after.digest()).isEqualTo(before.digest());
        assertThat(after.marks()).isEqualTo(before.marks());
        assertThat(trail.checkpoints.nextUndigested()).isEqualTo(1_000);
    }

    @Test
    void twoDigestersMatchOne() throws Exception {
        trail.append(3_000, 50);
        MongoEventStorageEngine secondNode = StoredTrail.engine(trail.database, trail.clock);
        AuditDigester first = trail.digester();
        AuditDigester second = trail.digester(secondNode);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> passes = new ArrayList<>();
            for (AuditDigester digester : List.of(first, second)) {
                boolean appends = digester == first;
                passes.add(nodes.submit(() -> {
                    int blocks = 0;
                    for (int round = 0; round < 4; round++) {
                        together.await(60, TimeUnit.SECONDS);
                        blocks += digester.digestAvailable();
                        if (appends) {
                            // The head moves while the other node digests.
                            trail.append(250, 50);
                        }
                    }
                    return blocks;
                }));
            }
            for (Future<Integer> pass : passes) {
                pass.get(120, TimeUnit.SECONDS);
            }
        } finally {
            nodes.shutdownNow();
        }
        first.digestAvailable();
        List<Checkpoint> concurrent = storedCheckpoints();

        trail.database.getCollection(AuditCheckpoints.COLLECTION).drop();
        trail.database.getCollection("sequences").deleteOne(eq("_id", AuditCheckpoints.PROGRESS_ID));
        trail.digester().digestAvailable();
        List<Checkpoint> alone = storedCheckpoints();

        assertThat(concurrent).hasSize(4);
        assertThat(alone).hasSize(concurrent.size());
        for (int i = 0; i < concurrent.size(); i++) {
            assertThat(concurrent.get(i).sameContent(alone.get(i)))
                    .as("checkpoint %d: %s and %s", i, concurrent.get(i), alone.get(i))
                    .isTrue();
        }
        assertThat(trail.database.getCollection(AuditCheckpoints.COLLECTION).countDocuments())
                .isEqualTo(4);
    }

    @Test
    void threadDigestsUntilStopped() throws Exception {
        trail.append(1_000, 50);
        AuditDigester digester = trail.digester();

        digester.start();
        try {
            assertThat(digester.isRunning()).isTrue();
            awaitProgress(1_000);
            trail.append(1_000, 50);
            awaitProgress(2_000);
        } finally {
            digester.stop();
        }

        assertThat(digester.isRunning()).isFalse();
        assertThat(trail.checkpoints.find(1_999)).isNotNull();
    }

    private void awaitProgress(long next) throws InterruptedException {
        for (int attempt = 0; attempt < 600 && trail.checkpoints.nextUndigested() < next; attempt++) {
            Thread.sleep(100);
        }
        assertThat(trail.checkpoints.nextUndigested()).isEqualTo(next);
    }

    private List<Checkpoint> storedCheckpoints() {
        List<Checkpoint> stored = new ArrayList<>();
        for (long last = 999; ; last += Checkpoint.BLOCK_SIZE) {
            Checkpoint checkpoint = trail.checkpoints.find(last);
            if (checkpoint == null) {
                return stored;
            }
            stored.add(checkpoint);
        }
    }
}
