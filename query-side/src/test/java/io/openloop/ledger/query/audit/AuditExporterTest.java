package io.openloop.ledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.projection.audit.AuditReadModels;
import io.openloop.ledger.projection.loop.MemoryMongo;
import io.openloop.ledger.query.audit.AuditExportRequest.Format;
import io.openloop.ledger.store.audit.AuditFinding;
import io.openloop.ledger.store.audit.AuditFinding.Kind;
import io.openloop.ledger.store.audit.ExportVerification;
import io.openloop.ledger.store.audit.ExportVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exports of a trail written through the real event storage engine, verified with the offline verifier. */
class AuditExporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GRANTS = 1_200;

    private static MemoryMongo mongo;

    private MongoDatabase database;
    private StoredTrail trail;
    private AuditExporter exporter;

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
        database = mongo.newDatabase();
        trail = new StoredTrail(database);
        trail.write(GRANTS);
        exporter = new AuditExporter(database, Clock.fixed(StoredTrail.T0, ZoneOffset.UTC), Duration.ofMillis(300));
    }

    private static AuditExportRequest operator(Long fromPosition, Long toPosition) {
        return new AuditExportRequest(null, null, null, null, null, fromPosition, toPosition, Format.NDJSON, Map.of());
    }

    private static AuditExportRequest loop(String loopId) {
        return new AuditExportRequest(loopId, null, null, null, null, null, null, Format.NDJSON, Map.of());
    }

    /** Runs an export to its end and returns the file. */
    private String export(AuditExportRequest request) {
        AuditExport export = exporter.open(request, "test");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (byte[] chunk = export.next(); chunk != null; chunk = export.next()) {
            file.writeBytes(chunk);
        }
        return file.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> lines(String export) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : export.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static List<JsonNode> ofKind(String export, String kind) throws IOException {
        return lines(export).stream()
                .filter(line -> line.path("kind").asText().equals(kind))
                .toList();
    }

    private static Set<String> streams(String export) throws IOException {
        Set<String> streams = new LinkedHashSet<>();
        ofKind(export, "event")
                .forEach(event -> streams.add(event.path("stream").asText()));
        return streams;
    }

    private static ExportVerification verify(String export) throws IOException {
        return new ExportVerifier().verify(export);
    }

    @Test
    void operatorExportCarriesCheckpointsAndDigest() throws IOException {
        trail.checkpoint();

        String export = export(operator(null, null));

        List<JsonNode> checkpoints = ofKind(export, "checkpoint");
        assertThat(checkpoints)
                .extracting(line -> line.path("position").asLong())
                .containsExactly(999L, 1999L);
        assertThat(ofKind(export, "void")).hasSize(1);
        ExportVerification result = verify(export);
        assertThat(result.findings()).isEmpty();
        assertThat(result.report().checkpointsChecked()).isEqualTo(2);
        assertThat(result.report().eventsChecked()).isEqualTo(2L * GRANTS + 6);
        assertThat(result.report().givenUpPositions()).hasSize(1);
        long head = result.report().toPosition() + 1;
        assertThat(result.report().digest()).isEqualTo(trail.digestBefore(head));
    }

    @Test
    void exportWithoutCheckpointsHasNoCheckpointLines() throws IOException {
        String export = export(operator(null, null));

        assertThat(ofKind(export, "checkpoint")).isEmpty();
        assertThat(verify(export).findings()).isEmpty();
    }

    @Test
    void changedCheckpointLineIsDigestMismatch() throws IOException {
        trail.checkpoint();
        List<String> lines =
                new ArrayList<>(Arrays.asList(export(operator(null, null)).split("\n")));
        int line = 0;
        for (int i = 0; i < lines.size() && line == 0; i++) {
            if (lines.get(i).startsWith("{\"kind\":\"checkpoint\"")) {
                line = i + 1;
            }
        }
        String original = lines.get(line - 1);
        int digestAt = original.indexOf("\"digest\":\"") + 10;
        char flipped = original.charAt(digestAt) == '0' ? '1' : '0';
        lines.set(line - 1, original.substring(0, digestAt) + flipped + original.substring(digestAt + 1));

        AuditFinding first = verify(String.join("\n", lines) + "\n").report().firstMismatch();

        assertThat(first.kind()).isEqualTo(Kind.DIGEST_MISMATCH);
        assertThat(first.line()).isEqualTo(line);
        assertThat(first.position()).isEqualTo(999);
    }

    @Test
    void fromPositionStartsAtItsBlock() throws IOException {
        trail.checkpoint();

        String export = export(operator(1_500L, null));

        JsonNode header = lines(export).get(0);
        assertThat(header.path("fromPosition").asLong()).isEqualTo(1_000);
        assertThat(header.path("complete").asBoolean()).isTrue();
        assertThat(header.path("digestBefore").asText()).isEqualTo(trail.digestBefore(1_000));
        assertThat(ofKind(export, "event").get(0).path("position").asLong()).isEqualTo(1_000);
        assertThat(verify(export).findings()).isEmpty();
    }

    @Test
    void digestBeforeIsFoldedWithoutCheckpoints() throws IOException {
        String export = export(operator(1_500L, 2_100L));

        JsonNode header = lines(export).get(0);
        assertThat(header.path("digestBefore").asText()).isEqualTo(trail.digestBefore(1_000));
        JsonNode end = ofKind(export, "end").get(0);
        assertThat(end.path("lastPosition").asLong()).isEqualTo(2_100);
        assertThat(end.path("digest").asText()).isEqualTo(trail.digestBefore(2_101));
        assertThat(verify(export).findings()).isEmpty();
    }

    @Test
    void largestToPositionExportsToTheHead() throws IOException {
        String whole = export(operator(null, null));

        String export = export(operator(null, Long.MAX_VALUE));

        assertThat(ofKind(export, "event")).hasSameSizeAs(ofKind(whole, "event"));
        assertThat(ofKind(export, "end").get(0)).isEqualTo(ofKind(whole, "end").get(0));
        assertThat(verify(export).findings()).isEmpty();
    }

    @Test
    void deletedEventIsMissingFromTheExport() throws IOException {
        trail.deleteCommitAt(700);

        ExportVerification result = verify(export(operator(null, null)));

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.EVENT_MISSING);
        assertThat(first.position()).isEqualTo(700);
    }

    @Test
    void editedStoredPayloadIsHashMismatch() throws IOException {
        trail.editPayloadAt(800, Map.of("\"amount\":10", "\"amount\":1000"));

        ExportVerification result = verify(export(operator(null, null)));

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.HASH_MISMATCH);
        assertThat(first.position()).isEqualTo(800);
        assertThat(result.findingCount()).isEqualTo(1);
    }

    @Test
    void loopExportReadsUnindexedStreamsFromTheStore() throws IOException {
        String agent = export(loop(StoredTrail.AGENT));
        String other = export(loop(StoredTrail.OTHER));
        String business = export(loop(StoredTrail.BUSINESS));

        assertThat(streams(agent))
                .containsExactlyInAnyOrder(StoredTrail.AGENT_ACCOUNT, StoredTrail.AGENT_TASK, StoredTrail.PROOF);
        assertThat(streams(other)).containsExactlyInAnyOrder(StoredTrail.OTHER_ACCOUNT, StoredTrail.OTHER_TASK);
        assertThat(streams(business))
                .containsExactlyInAnyOrder(StoredTrail.AGENT_TASK, StoredTrail.OTHER_TASK, StoredTrail.PROOF);
        for (String export : List.of(agent, other, business)) {
            ExportVerification result = verify(export);
            assertThat(result.findings()).isEmpty();
            assertThat(result.header().complete()).isTrue();
        }
    }

    @Test
    void loopExportUsesTheStreamIndex() throws IOException {
        database.getCollection(AuditReadModels.AUDIT_STREAMS)
                .insertOne(new Document("_id", StoredTrail.OTHER_TASK)
                        .append(AuditReadModels.AGGREGATE_TYPE, "Task")
                        .append(AuditReadModels.LOOPS, List.of(StoredTrail.AGENT)));

        assertThat(streams(export(loop(StoredTrail.AGENT)))).contains(StoredTrail.OTHER_TASK);
    }

    @Test
    void timeFilterKeepsEventsBetween() throws IOException {
        Instant from = StoredTrail.timeOf(500);
        Instant to = StoredTrail.timeOf(900);
        AuditExportRequest request = new AuditExportRequest(
                null, null, null, from, to, null, null, Format.NDJSON, Map.of("from", from.toString()));

        String export = export(request);

        List<JsonNode> events = ofKind(export, "event");
        assertThat(events).hasSize(401);
        assertThat(Instant.parse(events.get(0).path("timestamp").asText())).isEqualTo(from);
        assertThat(Instant.parse(events.get(400).path("timestamp").asText())).isEqualTo(to);
        JsonNode header = lines(export).get(0);
        assertThat(header.path("complete").asBoolean()).isFalse();
        assertThat(header.path("fromPosition").asLong()).isEqualTo(500);
        assertThat(verify(export).findings()).isEmpty();
    }

    @Test
    void csvExportHasOneRowPerEvent() throws IOException {
        AuditExportRequest request =
                new AuditExportRequest(null, null, null, null, null, null, null, Format.CSV, Map.of());

        String export = export(request);

        assertThat(export.split("\r\n")).hasSize(1 + 2 * GRANTS + 6);
        ExportVerification result = verify(export);
        assertThat(result.findings()).isEmpty();
        assertThat(result.format()).isEqualTo("csv");
    }

    @Test
    void chunksFollowTheWindows() {
        AuditExport export = exporter.open(operator(null, null), "test");

        byte[] header = export.next();
        assertThat(new String(header, StandardCharsets.UTF_8))
                .startsWith("{\"kind\":\"header\"")
                .endsWith("}\n");
        int chunks = 0;
        for (byte[] chunk = export.next(); chunk != null; chunk = export.next()) {
            chunks++;
            assertThat(chunk.length).isPositive();
        }
        assertThat(chunks).as("three windows of positions, then the end line").isEqualTo(4);
    }
}
