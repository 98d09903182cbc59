package io.openloop.ledger.store.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openloop.ledger.store.audit.AuditFinding.Kind;
import io.openloop.ledger.store.events.EventHashes;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.testing.InProcessMongo;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreAuditorTest {

    private static InProcessMongo mongo;

    private StoredTrail trail;

    @BeforeAll
    static void startServer() {
        mongo = InProcessMongo.start();
        System.out.println("StoreAuditor tests run on " + mongo.description());
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void newStore() {
        trail = new StoredTrail(mongo.newDatabase("audit"));
    }

    /** Stores 2,300 events over 50 streams and digests them: two checkpointed blocks and a tail of 300. */
    private void storeAndDigest() {
        trail.append(2_300, 50);
        assertThat(trail.digester().digestAvailable()).isEqualTo(2);
    }

    private AuditReport verifyAll() {
        return trail.auditor.verifyRange(0, StoreAuditor.MAX_RANGE - 1);
    }

    @Test
    void untouchedStoreVerifiesClean() {
        storeAndDigest();

        AuditReport report = verifyAll();

        assertThat(report.firstMismatch()).isNull();
        assertThat(report.clean()).isTrue();
        assertThat(report.fromPosition()).isZero();
        assertThat(report.toPosition()).isEqualTo(2_299);
        assertThat(report.eventsChecked()).isEqualTo(2_300);
        assertThat(report.streamsChecked()).isEqualTo(50);
        assertThat(report.checkpointsChecked()).isEqualTo(2);
        assertThat(report.givenUpPositions()).isEmpty();
        assertThat(report.digest()).isEqualTo(trail.foldDigest(2_300));
    }

    @Test
    void undigestedStoreVerifiesClean() {
        trail.append(700, 50);

        AuditReport report = verifyAll();

        assertThat(report.clean()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(700);
        assertThat(report.checkpointsChecked()).isZero();
        assertThat(report.digest()).isEqualTo(trail.foldDigest(700));
    }

    @Test
    void changedPayloadIsHashMismatch() {
        storeAndDigest();
        StoredEntry target = trail.at(1_234);
        trail.changePayloadByte(1_234);

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding).isNotNull();
        assertThat(finding.kind()).isEqualTo(Kind.HASH_MISMATCH);
        assertThat(finding.position()).isEqualTo(1_234);
        assertThat(finding.stream()).isEqualTo(target.stream());
        assertThat(finding.sequence()).isEqualTo(target.sequence());
        assertThat(finding.eventId()).isEqualTo(target.eventId());
        assertThat(finding.line()).isNull();
    }

    @Test
    void changedPayloadInTailIsHashMismatch() {
        storeAndDigest();
        trail.changePayloadByte(2_100);

        AuditReport report = verifyAll();

        assertThat(report.firstMismatch().kind()).isEqualTo(Kind.HASH_MISMATCH);
        assertThat(report.firstMismatch().position()).isEqualTo(2_100);
        assertThat(report.toPosition()).isEqualTo(2_100);
        assertThat(report.digest()).isNull();
    }

    @Test
    void firstFindingInGlobalOrderReported() {
        storeAndDigest();
        trail.changePayloadByte(1_800);
        trail.changePayloadByte(400);

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding.position()).isEqualTo(400);
    }

    @Test
    void deletedCommitIsEventMissing() {
        storeAndDigest();
        trail.deleteCommit(1_500);

        AuditReport report = verifyAll();

        assertThat(report.firstMismatch().kind()).isEqualTo(Kind.EVENT_MISSING);
        assertThat(report.firstMismatch().position()).isEqualTo(1_500);
        assertThat(report.givenUpPositions()).doesNotContain(1_500L);
    }

    @Test
    void deletedCommitFencedLaterIsEventMissing() {
        storeAndDigest();
        trail.deleteCommit(1_500);
        // A replay from the tail would find the position empty and fence it after the gap timeout.
        trail.engine.fenceStaleGaps(List.of(1_500L));
        trail.clock.advance(StoredTrail.GAP_TIMEOUT.plusSeconds(1));
        assertThat(trail.engine.fenceStaleGaps(List.of(1_500L))).containsExactly(1_500L);

        AuditReport report = verifyAll();

        assertThat(report.firstMismatch().kind()).isEqualTo(Kind.EVENT_MISSING);
        assertThat(report.firstMismatch().position()).isEqualTo(1_500);
        assertThat(report.givenUpPositions()).doesNotContain(1_500L);
    }

    @Test
    void deletedCommitInTailBreaksItsStream() {
        storeAndDigest();
        StoredEntry deleted = trail.at(2_120);
        trail.deleteCommit(2_120);

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.CHAIN_BROKEN);
        assertThat(finding.stream()).isEqualTo(deleted.stream());
        assertThat(finding.sequence()).isEqualTo(deleted.sequence() + 1);
        assertThat(finding.position()).isGreaterThan(2_120);
    }

    @Test
    void swappedEventsAreOutOfPlace() {
        storeAndDigest();
        trail.swapCommits(1_010, 1_990);

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.EVENT_OUT_OF_PLACE);
        assertThat(finding.position()).isEqualTo(1_010);
        assertThat(finding.stream()).isEqualTo(trail.at(1_010).stream());
    }

    @Test
    void swappedStreamEventsOutOfPlace() {
        storeAndDigest();
        StoredEntry earlier = trail.at(300);
        StoredEntry later = trail.at(350);
        assertThat(later.stream()).isEqualTo(earlier.stream());
        trail.swapCommits(300, 350);

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.EVENT_OUT_OF_PLACE);
        assertThat(finding.position()).isEqualTo(300);
        assertThat(finding.sequence()).isEqualTo(later.sequence());
    }

    @Test
    void swappedEventsInTailBreakTheirStream() {
        storeAndDigest();
        trail.swapCommits(2_100, 2_150);

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.CHAIN_BROKEN);
        assertThat(finding.position()).isEqualTo(2_100);
    }

    @Test
    void eventAtVoidPositionOutOfPlace() {
        trail.appendTo("acct_void");
        trail.appendTo("acct_void");
        assertThat(trail.appendRejected("acct_void")).isEqualTo(2);
        storeAndDigest();
        assertThat(trail.at(2).kind()).isEqualTo(StoredEntry.Kind.VOID);
        String forged = trail.forgeEventAt(2);

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.EVENT_OUT_OF_PLACE);
        assertThat(finding.position()).isEqualTo(2);
        assertThat(finding.stream()).isEqualTo(forged);
    }

    @Test
    void voidWhereEventWasDigestedIsEventMissing() {
        storeAndDigest();
        trail.deleteCommit(640);
        trail.events()
                .insertOne(new Document("_id", 640L)
                        .append("pos", List.of(640L))
                        .append("keys", List.of("~void:640"))
                        .append("void", "aborted")
                        .append("ts", trail.clock.instant().toString()));

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.EVENT_MISSING);
        assertThat(finding.position()).isEqualTo(640);
    }

    @Test
    void givenUpGapListedAndClean() {
        trail.append(10, 10);
        long abandoned = trail.allocatePositions(1);
        trail.append(1_100, 50);
        AuditDigester digester = trail.digester();
        digester.digestAvailable();
        trail.clock.advance(StoredTrail.GAP_TIMEOUT.plusSeconds(1));
        assertThat(digester.digestAvailable()).isEqualTo(1);

        AuditReport report = verifyAll();

        assertThat(report.clean()).isTrue();
        assertThat(report.givenUpPositions()).containsExactly(abandoned);
        assertThat(report.eventsChecked()).isEqualTo(1_110);
        assertThat(report.checkpointsChecked()).isEqualTo(1);
    }

    @Test
    void missingPositionInTailIsNoFinding() {
        trail.append(1_000, 50);
        trail.digester().digestAvailable();
        trail.append(10, 10);
        trail.allocatePositions(1);
        trail.append(10, 10);

        AuditReport report = verifyAll();

        assertThat(report.clean()).isTrue();
        assertThat(report.givenUpPositions()).isEmpty();
        assertThat(report.eventsChecked()).isEqualTo(1_020);
        assertThat(report.digest()).isNull();
    }

    @Test
    void rewrittenHashAndLinkBreakChain() {
        storeAndDigest();
        StoredEntry target = trail.at(2_200);
        assertThat(target.sequence()).isPositive();
        rewriteWithNewPrev(2_200, "0".repeat(64));

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.CHAIN_BROKEN);
        assertThat(finding.position()).isEqualTo(2_200);
        assertThat(finding.sequence()).isEqualTo(target.sequence());
    }

    @Test
    void rewrittenEventInCheckpointIsOutOfPlace() {
        storeAndDigest();
        rewriteWithNewPrev(700, "0".repeat(64));

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.EVENT_OUT_OF_PLACE);
        assertThat(finding.position()).isEqualTo(700);
    }

    @Test
    void changedCheckpointDigestIsDigestMismatch() {
        storeAndDigest();
        trail.database
                .getCollection(AuditCheckpoints.COLLECTION)
                .updateOne(eq("_id", 1_999L), new Document("$set", new Document("digest", "f".repeat(64))));

        AuditReport report = verifyAll();

        assertThat(report.firstMismatch().kind()).isEqualTo(Kind.DIGEST_MISMATCH);
        assertThat(report.firstMismatch().position()).isEqualTo(1_999);
        assertThat(report.checkpointsChecked()).isEqualTo(2);
    }

    @Test
    void deletedCheckpointIsDigestMismatch() {
        storeAndDigest();
        trail.database.getCollection(AuditCheckpoints.COLLECTION).deleteOne(eq("_id", 999L));

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.DIGEST_MISMATCH);
        assertThat(finding.position()).isZero();
    }

    @Test
    void truncatedMarksAreDigestMismatch() {
        storeAndDigest();
        trail.database
                .getCollection(AuditCheckpoints.COLLECTION)
                .updateOne(eq("_id", 999L), new Document("$set", new Document("marks", "-".repeat(16))));

        AuditFinding finding = verifyAll().firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.DIGEST_MISMATCH);
        assertThat(finding.position()).isZero();
    }

    @Test
    void rangeInsideBlocksComparesDigest() {
        storeAndDigest();

        AuditReport report = trail.auditor.verifyRange(1_500, 2_100);

        assertThat(report.clean()).isTrue();
        assertThat(report.fromPosition()).isEqualTo(1_500);
        assertThat(report.toPosition()).isEqualTo(2_100);
        assertThat(report.eventsChecked()).isEqualTo(601);
        assertThat(report.checkpointsChecked()).isEqualTo(1);
        assertThat(report.digest()).isEqualTo(trail.foldDigest(2_101));
    }

    @Test
    void changeBeforeRangeIsDigestMismatch() {
        storeAndDigest();
        rewriteWithNewPrev(1_200, "0".repeat(64));

        AuditReport report = trail.auditor.verifyRange(1_500, 2_100);

        assertThat(report.firstMismatch().kind()).isEqualTo(Kind.DIGEST_MISMATCH);
        assertThat(report.firstMismatch().position()).isEqualTo(1_999);
    }

    @Test
    void rangeLinksToEventsBeforeIt() {
        storeAndDigest();
        StoredEntry first = trail.at(2_250);
        assertThat(first.sequence()).isPositive();

        AuditReport clean = trail.auditor.verifyRange(2_250, 2_299);
        rewriteWithNewPrev(2_250, "0".repeat(64));
        AuditReport broken = trail.auditor.verifyRange(2_250, 2_299);

        assertThat(clean.clean()).isTrue();
        assertThat(broken.firstMismatch().kind()).isEqualTo(Kind.CHAIN_BROKEN);
        assertThat(broken.firstMismatch().position()).isEqualTo(2_250);
    }

    @Test
    void rangePastHeadIsCutAtHead() {
        trail.append(100, 50);

        AuditReport inside = trail.auditor.verifyRange(50, 5_000);
        AuditReport beyond = trail.auditor.verifyRange(200, 300);

        assertThat(inside.toPosition()).isEqualTo(99);
        assertThat(inside.eventsChecked()).isEqualTo(50);
        assertThat(beyond.toPosition()).isEqualTo(199);
        assertThat(beyond.eventsChecked()).isZero();
        assertThat(beyond.clean()).isTrue();
    }

    @Test
    void invalidRangesRejected() {
        assertThatThrownBy(() -> trail.auditor.verifyRange(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trail.auditor.verifyRange(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trail.auditor.verifyRange(0, StoreAuditor.MAX_RANGE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamsVerifyClean() {
        trail.append(300, 50);

        AuditReport report = trail.auditor.verifyStreams(List.of("acct_1", "acct_2", "acct_unknown"));

        assertThat(report.clean()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(12);
        assertThat(report.streamsChecked()).isEqualTo(2);
        assertThat(report.digest()).isNull();
        assertThat(report.fromPosition())
                .isEqualTo(trail.reader.readStream("acct_1", 0, 1).get(0).position());
    }

    @Test
    void streamsReportLowestFinding() {
        trail.append(300, 50);
        long acct2Late = trail.reader.readStream("acct_2", 4, 5).get(0).position();
        long acct1Early = trail.reader.readStream("acct_1", 1, 2).get(0).position();
        trail.changePayloadByte(acct2Late);
        trail.changePayloadByte(acct1Early);

        AuditFinding finding =
                trail.auditor.verifyStreams(List.of("acct_2", "acct_1")).firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.HASH_MISMATCH);
        assertThat(finding.position()).isEqualTo(acct1Early);
        assertThat(finding.stream()).isEqualTo("acct_1");
    }

    @Test
    void streamWithDeletedEventBreaksChain() {
        trail.append(300, 50);
        long deleted = trail.reader.readStream("acct_3", 2, 3).get(0).position();
        trail.deleteCommit(deleted);

        AuditFinding finding = trail.auditor.verifyStreams(List.of("acct_3")).firstMismatch();

        assertThat(finding.kind()).isEqualTo(Kind.CHAIN_BROKEN);
        assertThat(finding.sequence()).isEqualTo(3L);
    }

    /** Sets the event's prev and stores the hash that matches it, as a forger who can compute hashes would. */
    private void rewriteWithNewPrev(long position, String prev) {
        Document commit = trail.commitAt(position);
        Document event = commit.getList("events", Document.class).get(0);
        event.put("prev", prev);
        event.put("hash", EventHashes.recompute(commit, event));
        trail.events().replaceOne(eq("_id", position), commit);
    }
}
