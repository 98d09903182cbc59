package io.openloop.ledger.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.store.audit.AuditFinding.Kind;
import io.openloop.ledger.store.events.StoredEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The offline verifier on export files that the export's own writers produced, clean and tampered with. */
class ExportVerifierTest {

    private static final Set<Long> VOIDS = Set.of(43L, 998L, 1100L);
    private static final List<StoredEntry> TRAIL = ExportFiles.trail(1_200, 7, VOIDS);
    private static final String EXPORT = ExportFiles.operatorExport(TRAIL);

    private final ExportVerifier verifier = new ExportVerifier();

    private ExportVerification verify(String export) throws Exception {
        return verifier.verify(export);
    }

    private ExportVerification verify(List<String> lines) throws Exception {
        return verifier.verify(ExportFiles.join(lines));
    }

    /** Returns the line number, counted from 1, of the line with {@code "position":position}. */
    private static int lineOf(List<String> lines, long position) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"position\":" + position + ",")) {
                return i + 1;
            }
        }
        throw new AssertionError("no line has position " + position);
    }

    private static StoredEntry eventAt(long position) {
        return TRAIL.get((int) position);
    }

    @Test
    void cleanOperatorExportVerifies() throws Exception {
        ExportVerification result = verify(EXPORT);

        assertThat(result.findings()).isEmpty();
        assertThat(result.clean()).isTrue();
        assertThat(result.format()).isEqualTo("ndjson");
        assertThat(result.header().digestible()).isTrue();
        AuditReport report = result.report();
        assertThat(report.eventsChecked()).isEqualTo(1_200 - VOIDS.size());
        assertThat(report.streamsChecked()).isEqualTo(7);
        assertThat(report.givenUpPositions()).containsExactly(43L, 998L, 1100L);
        assertThat(report.checkpointsChecked()).isEqualTo(1);
        assertThat(report.fromPosition()).isZero();
        assertThat(report.toPosition()).isEqualTo(1_199);
        String digest = AuditDigest.GENESIS;
        for (StoredEntry entry : ExportFiles.eventsOnly(TRAIL)) {
            digest = AuditDigest.next(digest, entry.position(), entry.hash());
        }
        assertThat(report.digest()).isEqualTo(digest);
    }

    @Test
    void editedPayloadByteIsHashMismatch() throws Exception {
        List<String> lines = ExportFiles.lines(EXPORT);
        int line = lineOf(lines, 500);
        String edited = lines.get(line - 1).replace("\"amount\":500", "\"amount\":501");
        assertThat(edited).isNotEqualTo(lines.get(line - 1));
        lines.set(line - 1, edited);

        ExportVerification result = verify(lines);

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.HASH_MISMATCH);
        assertThat(first.line()).isEqualTo(line);
        assertThat(first.position()).isEqualTo(500);
        assertThat(first.stream()).isEqualTo(eventAt(500).stream());
        assertThat(first.sequence()).isEqualTo(eventAt(500).sequence());
        assertThat(first.eventId()).isEqualTo("evt-500");
        assertThat(result.findingCount()).isEqualTo(1);
    }

    @Test
    void editedHashAndLinkBreaksTheChain() throws Exception {
        List<String> lines = ExportFiles.lines(EXPORT);
        int line = lineOf(lines, 500);
        String hash = eventAt(500).hash();
        lines.set(line - 1, lines.get(line - 1).replace(hash, "0" + hash.substring(1)));

        ExportVerification result = verify(lines);

        assertThat(result.report().firstMismatch().kind()).isEqualTo(Kind.HASH_MISMATCH);
        assertThat(result.findings()).extracting(AuditFinding::kind).contains(Kind.CHAIN_BROKEN, Kind.DIGEST_MISMATCH);
    }

    @Test
    void deletedLineIsNamedAtTheNextLine() throws Exception {
        List<String> lines = ExportFiles.lines(EXPORT);
        int line = lineOf(lines, 500);
        lines.remove(line - 1);

        ExportVerification result = verify(lines);

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.line()).isEqualTo(line);
        assertThat(first.kind()).isIn(Kind.EVENT_MISSING, Kind.CHAIN_BROKEN);
        assertThat(result.findings())
                .filteredOn(finding -> finding.kind() == Kind.EVENT_MISSING)
                .first()
                .satisfies(missing -> assertThat(missing.position()).isEqualTo(500))
                .satisfies(missing -> assertThat(missing.line()).isEqualTo(line));
        assertThat(result.findings()).extracting(AuditFinding::kind).contains(Kind.DIGEST_MISMATCH);
    }

    @Test
    void swappedLinesAreOutOfPlace() throws Exception {
        List<String> lines = ExportFiles.lines(EXPORT);
        int line = lineOf(lines, 500);
        Collections.swap(lines, line - 1, line);

        ExportVerification result = verify(lines);

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.EVENT_OUT_OF_PLACE);
        assertThat(first.line()).isEqualTo(line);
        assertThat(first.position()).isEqualTo(501);
        assertThat(first.detail()).contains("swapped");
        assertThat(result.findings())
                .extracting(AuditFinding::kind)
                .doesNotContain(Kind.EVENT_MISSING)
                .contains(Kind.DIGEST_MISMATCH);
    }

    @Test
    void removedEndLineIsTruncated() throws Exception {
        List<String> lines = ExportFiles.lines(EXPORT);
        lines.remove(lines.size() - 1);

        ExportVerification result = verify(lines);

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.MALFORMED_EXPORT);
        assertThat(first.line()).isEqualTo(lines.size() + 1);
        assertThat(first.detail()).contains("truncated");
        assertThat(result.findingCount()).isEqualTo(1);
    }

    @Test
    void fileCutMidLineIsTruncated() throws Exception {
        String cut = EXPORT.substring(0, EXPORT.length() / 2);

        ExportVerification result = verify(cut);

        assertThat(result.findings()).extracting(AuditFinding::kind).containsOnly(Kind.MALFORMED_EXPORT);
        assertThat(result.findings().get(result.findings().size() - 1).detail()).contains("truncated");
    }

    @Test
    void changedCheckpointDigestIsDigestMismatch() throws Exception {
        List<String> lines = ExportFiles.lines(EXPORT);
        int line = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"kind\":\"checkpoint\"")) {
                line = i + 1;
            }
        }
        assertThat(line).as("checkpoint line").isPositive();
        lines.set(line - 1, "{\"kind\":\"checkpoint\",\"position\":999,\"digest\":\"" + "ab".repeat(32) + "\"}");

        ExportVerification result = verify(lines);

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.DIGEST_MISMATCH);
        assertThat(first.line()).isEqualTo(line);
        assertThat(first.position()).isEqualTo(999);
        assertThat(result.findingCount()).isEqualTo(1);
    }

    @Test
    void deletedVoidLineIsEventMissing() throws Exception {
        List<String> lines = ExportFiles.lines(EXPORT);
        int line = lineOf(lines, 43);
        lines.remove(line - 1);

        ExportVerification result = verify(lines);

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.EVENT_MISSING);
        assertThat(first.position()).isEqualTo(43);
        assertThat(first.line()).isEqualTo(line);
        assertThat(result.findingCount()).as("voids are not digested").isEqualTo(1);
    }

    @Test
    void invalidJsonLineIsMalformed() throws Exception {
        List<String> lines = ExportFiles.lines(EXPORT);
        int line = lineOf(lines, 700);
        lines.set(line - 1, lines.get(line - 1).substring(0, 40));

        ExportVerification result = verify(lines);

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.MALFORMED_EXPORT);
        assertThat(first.line()).isEqualTo(line);
    }

    @Test
    void missingHeaderIsMalformed() throws Exception {
        List<String> lines = ExportFiles.lines(EXPORT);
        lines.remove(0);

        ExportVerification result = verify(lines);

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.MALFORMED_EXPORT);
        assertThat(first.line()).isEqualTo(1);
        assertThat(result.header()).isNull();
    }

    @Test
    void completeLoopExportStartsStreamsAtZero() throws Exception {
        List<StoredEntry> events = ExportFiles.eventsOnly(TRAIL);
        assertThat(verify(ExportFiles.eventsExport(events, ExportHeader.LOOP, true))
                        .clean())
                .isTrue();

        List<StoredEntry> withoutFirst = new ArrayList<>(events);
        StoredEntry removed = withoutFirst.remove(0);
        ExportVerification result = verify(ExportFiles.eventsExport(withoutFirst, ExportHeader.LOOP, true));

        assertThat(result.findings()).extracting(AuditFinding::kind).containsExactly(Kind.CHAIN_BROKEN);
        AuditFinding first = result.report().firstMismatch();
        assertThat(first.stream()).isEqualTo(removed.stream());
        assertThat(first.sequence()).isEqualTo(1);
    }

    @Test
    void filteredExportAllowsHoles() throws Exception {
        List<StoredEntry> events = ExportFiles.eventsOnly(TRAIL);
        List<StoredEntry> everyOther = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 2) {
            everyOther.add(events.get(i));
        }

        ExportVerification result = verify(ExportFiles.eventsExport(everyOther, ExportHeader.OPERATOR, false));

        assertThat(result.findings()).isEmpty();
        assertThat(result.report().digest()).isNull();
        assertThat(result.report().eventsChecked()).isEqualTo(everyOther.size());
    }

    @Test
    void clearedCompleteFlagShowsDeletedLine() throws Exception {
        List<String> lines = ExportFiles.lines(EXPORT);
        assertThat(lines.get(0)).contains("\"filters\":{}", "\"complete\":true");
        lines.set(0, lines.get(0).replace("\"complete\":true", "\"complete\":false"));
        int line = lineOf(lines, 500);
        lines.remove(line - 1);
        int end = lines.size();
        String events = "\"events\":" + (1_200 - VOIDS.size());
        assertThat(lines.get(end - 1)).contains(events);
        lines.set(end - 1, lines.get(end - 1).replace(events, "\"events\":" + (1_200 - VOIDS.size() - 1)));

        ExportVerification result = verify(lines);

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.MALFORMED_EXPORT);
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.detail()).contains("complete to false");
        assertThat(result.header().complete()).isTrue();
        assertThat(result.findings())
                .filteredOn(finding -> finding.kind() == Kind.EVENT_MISSING)
                .first()
                .satisfies(missing -> assertThat(missing.position()).isEqualTo(500))
                .satisfies(missing -> assertThat(missing.line()).isEqualTo(line));
        assertThat(result.findings()).extracting(AuditFinding::kind).contains(Kind.DIGEST_MISMATCH);
    }

    @Test
    void completeFlagOnFilteredExportIsMalformed() throws Exception {
        List<StoredEntry> events = ExportFiles.eventsOnly(TRAIL);
        List<String> lines = ExportFiles.lines(ExportFiles.eventsExport(events, ExportHeader.OPERATOR, false));
        assertThat(lines.get(0)).contains("\"eventType\"", "\"complete\":false");
        lines.set(0, lines.get(0).replace("\"complete\":false", "\"complete\":true"));

        ExportVerification result = verify(lines);

        assertThat(result.findings()).hasSize(1);
        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.MALFORMED_EXPORT);
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.detail()).contains("complete to true");
        assertThat(result.header().complete()).isFalse();
        assertThat(result.report().eventsChecked()).isEqualTo(events.size());
    }

    @Test
    void completeLoopExportWithPositionFilter() throws Exception {
        List<StoredEntry> events = ExportFiles.eventsOnly(TRAIL);
        List<String> lines = ExportFiles.lines(ExportFiles.eventsExport(events, ExportHeader.LOOP, true));
        lines.set(0, lines.get(0).replace("\"filters\":{}", "\"filters\":{\"toPosition\":\"5000\"}"));

        ExportVerification result = verify(lines);

        assertThat(result.findings()).extracting(AuditFinding::kind).containsExactly(Kind.MALFORMED_EXPORT);
        assertThat(result.report().firstMismatch().line()).isEqualTo(1);
    }

    @Test
    void eventOutsideTypeFilterIsOutOfPlace() throws Exception {
        List<StoredEntry> events = ExportFiles.eventsOnly(TRAIL);
        List<String> lines = ExportFiles.lines(ExportFiles.eventsExport(events, ExportHeader.OPERATOR, false));
        lines.set(0, lines.get(0).replace("\"eventType\":\"CreditsGrantedEvent\"", "\"eventType\":\"GrantedEvent\""));

        ExportVerification result = verify(lines);

        assertThat(result.findingCount()).isEqualTo(events.size());
        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.EVENT_OUT_OF_PLACE);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.eventId()).isEqualTo(events.get(0).eventId());
        assertThat(first.detail()).contains("GrantedEvent");
    }

    @Test
    void eventOutsideAggregateOrTimeFilter() throws Exception {
        List<StoredEntry> events = ExportFiles.eventsOnly(TRAIL);
        List<String> lines = ExportFiles.lines(ExportFiles.eventsExport(events, ExportHeader.OPERATOR, false));
        String typeFilter = "\"eventType\":\"CreditsGrantedEvent\"";
        StoredEntry last = events.get(events.size() - 1);
        String beforeLast = events.get(events.size() - 2).timestamp();

        List<String> otherAggregate = new ArrayList<>(lines);
        otherAggregate.set(0, lines.get(0).replace(typeFilter, "\"aggregateType\":\"Task\""));
        List<String> earlier = new ArrayList<>(lines);
        earlier.set(0, lines.get(0).replace(typeFilter, "\"to\":\"" + beforeLast + "\""));

        ExportVerification byAggregate = verify(otherAggregate);
        ExportVerification byTime = verify(earlier);

        assertThat(byAggregate.findingCount()).isEqualTo(events.size());
        assertThat(byAggregate.report().firstMismatch().kind()).isEqualTo(Kind.EVENT_OUT_OF_PLACE);
        assertThat(byAggregate.report().firstMismatch().detail()).contains("aggregate type Task");
        assertThat(byTime.findingCount()).isEqualTo(1);
        AuditFinding late = byTime.report().firstMismatch();
        assertThat(late.kind()).isEqualTo(Kind.EVENT_OUT_OF_PLACE);
        assertThat(late.eventId()).isEqualTo(last.eventId());
        assertThat(late.line()).isEqualTo(lines.size() - 1);
    }

    @Test
    void emptyFileSaysItIsEmpty() throws Exception {
        ExportVerification result = verify("");

        assertThat(result.findings()).hasSize(1);
        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.MALFORMED_EXPORT);
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.detail()).contains("the file is empty").doesNotContain("truncated");
    }

    @Test
    void csvExportVerifiesAndNamesEditedRow() throws Exception {
        String csv = ExportFiles.csvExport(ExportFiles.eventsOnly(TRAIL));
        ExportVerification clean = verify(csv);
        assertThat(clean.findings()).isEmpty();
        assertThat(clean.format()).isEqualTo("csv");
        assertThat(clean.report().eventsChecked()).isEqualTo(1_200 - VOIDS.size());

        List<String> rows = new ArrayList<>(List.of(csv.split("\r\n")));
        int line = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).startsWith("600,")) {
                line = i + 1;
            }
        }
        rows.set(line - 1, rows.get(line - 1).replace("\"\"amount\"\":200", "\"\"amount\"\":201"));
        ExportVerification result = verify(String.join("\r\n", rows) + "\r\n");

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.HASH_MISMATCH);
        assertThat(first.line()).isEqualTo(line);
        assertThat(first.position()).isEqualTo(600);
    }
}
