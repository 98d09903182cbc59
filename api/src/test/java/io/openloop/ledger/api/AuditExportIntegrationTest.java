package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openloop.ledger.api.ApiCalls.Response;
import io.openloop.ledger.store.audit.AuditDigest;
import io.openloop.ledger.store.audit.AuditFinding;
import io.openloop.ledger.store.audit.AuditFinding.Kind;
import io.openloop.ledger.store.audit.CsvExportWriter;
import io.openloop.ledger.store.audit.ExportVerification;
import io.openloop.ledger.store.audit.ExportVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The audit export over HTTP on a trail of real flows: three loops, a task between the agent and the business that is
 * settled with a proof, and a task between another loop and the business. Exports are verified offline and then
 * tampered with line by line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditExportIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, AuditExportIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    private static ApiCalls api;
    private static Loop agent;
    private static Loop business;
    private static Loop other;
    private static String agentTask;
    private static String otherTask;
    private static Instant afterSetUp;

    private record Loop(String loopId, String secret) {}

    /** A response to an export: status, headers and the body as text. */
    private record Download(int status, HttpHeaders headers, String body) {

        List<JsonNode> lines() {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : body.split("\n")) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("line is not JSON: " + line, e);
                }
            }
            return lines;
        }

        List<JsonNode> events() {
            return lines().stream()
                    .filter(line -> line.path("kind").asText().equals("event"))
                    .toList();
        }

        Set<String> streams() {
            Set<String> streams = new LinkedHashSet<>();
            events().forEach(event -> streams.add(event.path("stream").asText()));
            return streams;
        }

        JsonNode header() {
            return lines().get(0);
        }
    }

    /** Builds the trail once: the Spring context, and so the store, is shared by every test of this class. */
    @BeforeEach
    void trail() {
        client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        if (api != null) {
            api = new ApiCalls(client);
            return;
        }
        api = new ApiCalls(client);
        agent = loop("@audit_agent", "developer");
        business = loop("@audit_business", "business");
        api.verifyBusiness(business.loopId(), business.secret());
        other = loop("@audit_other", "developer");

        agentTask = request(agent);
        Response offered =
                send(business, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + agentTask + "\", \"price\": 300}");
        assertThat(offered.status()).as("%s", offered).isEqualTo(201);
        Response accepted = send(
                agent,
                "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + agentTask + "\", \"offerId\": \"" + offered.string("id")
                        + "\"}");
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(201);
        Response completed = send(
                business,
                "{\"type\": \"TASK_COMPLETE\", \"taskId\": \"" + agentTask + "\", \"result\": {\"quote\": 8200},"
                        + " \"proofs\": [{\"kind\": \"document\", \"uri\": \"https://example.org/quote.pdf\","
                        + " \"sha256\": \"" + SHA + "\", \"capturedAt\": \"" + Instant.now() + "\"}]}");
        assertThat(completed.status()).as("%s", completed).isEqualTo(201);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.get("/api/tasks/" + agentTask, agent.secret()),
                        task -> "SETTLED".equals(task.string("state")));

        otherTask = request(other);
        afterSetUp = Instant.now();
    }

    private Loop loop(String handle, String kind) {
        Map<String, Object> registration = api.registerLoop(handle, "pro", kind);
        return new Loop((String) registration.get("loopId"), ApiCalls.ownerSecret(registration));
    }

    private String request(Loop requester) {
        Response requested = send(
                requester,
                "{\"type\": \"TASK_REQUEST\", \"to\": \"@audit_business\", \"task\": \"quote_request\","
                        + " \"inputs\": {\"city\": \"Atlanta\"}}");
        assertThat(requested.status()).as("%s", requested).isEqualTo(201);
        return requested.string("taskId");
    }

    private Response send(Loop sender, String message) {
        return api.send(HttpMethod.POST, "/api/aap/messages", sender.secret(), message);
    }

    private Download download(String query, String token) {
        return download(query, token, null);
    }

    private Download download(String query, String token, String accept) {
        WebTestClient.RequestHeadersSpec<?> request =
                client.get().uri("/api/audit/export" + query).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (accept != null) {
            request = request.header(HttpHeaders.ACCEPT, accept);
        }
        EntityExchangeResult<byte[]> result =
                request.exchange().expectBody(byte[].class).returnResult();
        byte[] body = result.getResponseBody();
        return new Download(
                result.getStatus().value(),
                result.getResponseHeaders(),
                body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    private static ExportVerification verify(String export) throws IOException {
        return new ExportVerifier().verify(export);
    }

    private static List<String> lines(String export) {
        return new ArrayList<>(Arrays.asList(export.split("\n")));
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    /** Returns the line number, counted from 1, of the first event line of {@code stream}. */
    private static int firstLineOf(List<String> lines, String stream) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"stream\":\"" + stream + "\"")) {
                return i + 1;
            }
        }
        throw new AssertionError("no line of stream " + stream);
    }

    @Test
    void operatorExportVerifiesClean() throws IOException {
        Download export = download("", TestServers.OPERATOR_TOKEN);

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().getContentType().toString()).isEqualTo("application/x-ndjson");
        assertThat(export.headers().getContentDisposition().getType()).isEqualTo("attachment");
        assertThat(export.headers().getContentDisposition().getFilename())
                .matches("openloop-audit-\\d{8}T\\d{6}Z\\.ndjson");
        JsonNode header = export.header();
        assertThat(header.path("format").asText()).isEqualTo("openloop-audit/1");
        assertThat(header.path("scope").asText()).isEqualTo("operator");
        assertThat(header.path("complete").asBoolean()).isTrue();
        assertThat(header.path("fromPosition").asLong()).isZero();
        assertThat(header.path("digestBefore").asText()).isEqualTo(AuditDigest.GENESIS);
        assertThat(export.streams()).contains(agent.loopId(), business.loopId(), other.loopId(), agentTask, otherTask);
        JsonNode end = export.lines().get(export.lines().size() - 1);
        assertThat(end.path("kind").asText()).isEqualTo("end");
        assertThat(end.path("events").asLong()).isEqualTo(export.events().size());

        ExportVerification result = verify(export.body());

        assertThat(result.findings()).isEmpty();
        assertThat(result.report().eventsChecked()).isEqualTo(export.events().size());
        assertThat(result.report().digest()).isEqualTo(end.path("digest").asText());
    }

    @Test
    void editedPayloadIsNamedByLine() throws IOException {
        List<String> lines = lines(download("", TestServers.OPERATOR_TOKEN).body());
        int line = firstLineOf(lines, agentTask);
        String edited = lines.get(line - 1).replace("\"city\":\"Atlanta\"", "\"city\":\"Atlantb\"");
        assertThat(edited).isNotEqualTo(lines.get(line - 1));
        lines.set(line - 1, edited);

        AuditFinding first = verify(join(lines)).report().firstMismatch();

        assertThat(first.kind()).isEqualTo(Kind.HASH_MISMATCH);
        assertThat(first.line()).isEqualTo(line);
        assertThat(first.stream()).isEqualTo(agentTask);
        assertThat(first.sequence()).isZero();
    }

    @Test
    void deletedLineIsNamedAtTheNextLine() throws IOException {
        List<String> lines = lines(download("", TestServers.OPERATOR_TOKEN).body());
        int line = firstLineOf(lines, agentTask);
        lines.remove(line - 1);

        AuditFinding first = verify(join(lines)).report().firstMismatch();

        assertThat(first.kind()).isIn(Kind.EVENT_MISSING, Kind.CHAIN_BROKEN);
        assertThat(first.line()).isEqualTo(line);
    }

    @Test
    void swappedLinesAreNamed() throws IOException {
        List<String> lines = lines(download("", TestServers.OPERATOR_TOKEN).body());
        int line = firstLineOf(lines, agentTask);
        Collections.swap(lines, line - 1, line);

        ExportVerification result = verify(join(lines));

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.line()).isEqualTo(line);
        assertThat(first.kind())
                .as("two events of one commit also break their stream's order")
                .isIn(Kind.EVENT_OUT_OF_PLACE, Kind.CHAIN_BROKEN);
        assertThat(result.findings())
                .filteredOn(finding -> finding.kind() == Kind.EVENT_OUT_OF_PLACE)
                .extracting(AuditFinding::line)
                .containsExactly((long) line);
    }

    @Test
    void removedEndLineIsTruncated() throws IOException {
        List<String> lines = lines(download("", TestServers.OPERATOR_TOKEN).body());
        lines.remove(lines.size() - 1);

        AuditFinding first = verify(join(lines)).report().firstMismatch();

        assertThat(first.kind()).isEqualTo(Kind.MALFORMED_EXPORT);
        assertThat(first.line()).isEqualTo(lines.size() + 1);
        assertThat(first.detail()).contains("truncated");
    }

    @Test
    void clearedCompleteFlagShowsDeletedLine() throws IOException {
        List<String> lines = lines(download("", TestServers.OPERATOR_TOKEN).body());
        assertThat(lines.get(0)).contains("\"filters\":{}", "\"complete\":true");
        lines.set(0, lines.get(0).replace("\"complete\":true", "\"complete\":false"));
        int line = firstLineOf(lines, agentTask);
        lines.remove(line - 1);
        int end = lines.size() - 1;
        long events = JSON.readTree(lines.get(end)).path("events").asLong();
        lines.set(end, lines.get(end).replace("\"events\":" + events, "\"events\":" + (events - 1)));

        ExportVerification result = verify(join(lines));

        AuditFinding first = result.report().firstMismatch();
        assertThat(first.kind()).isEqualTo(Kind.MALFORMED_EXPORT);
        assertThat(first.line()).isEqualTo(1);
        assertThat(result.findings())
                .filteredOn(finding -> finding.line() == line)
                .extracting(AuditFinding::kind)
                .containsAnyOf(Kind.EVENT_MISSING, Kind.CHAIN_BROKEN);
    }

    @Test
    void completeFlagOnFilteredExportIsMalformed() throws IOException {
        List<String> lines = lines(download("?eventType=TaskRequestedEvent", TestServers.OPERATOR_TOKEN)
                .body());
        assertThat(lines.get(0)).contains("\"complete\":false");
        lines.set(0, lines.get(0).replace("\"complete\":false", "\"complete\":true"));

        ExportVerification result = verify(join(lines));

        assertThat(result.findings()).extracting(AuditFinding::kind).containsExactly(Kind.MALFORMED_EXPORT);
        assertThat(result.report().firstMismatch().line()).isEqualTo(1);
    }

    @Test
    void eventOutsideTypeFilterIsOutOfPlace() throws IOException {
        Download export = download("?aggregateType=Task", TestServers.OPERATOR_TOKEN);
        List<String> lines = lines(export.body());
        String filter = "\"aggregateType\":\"Task\"";
        assertThat(lines.get(0)).contains(filter);
        lines.set(0, lines.get(0).replace(filter, filter + ",\"eventType\":\"TaskRequestedEvent\""));
        long otherTypes = export.events().stream()
                .filter(event -> !event.path("type").asText().endsWith(".TaskRequestedEvent"))
                .count();
        assertThat(otherTypes).isPositive();

        ExportVerification result = verify(join(lines));

        assertThat(result.findings()).hasSize((int) otherTypes);
        assertThat(result.findings()).extracting(AuditFinding::kind).containsOnly(Kind.EVENT_OUT_OF_PLACE);
        assertThat(result.findings())
                .allSatisfy(finding -> assertThat(finding.detail()).contains("TaskRequestedEvent"));
    }

    @Test
    void agentSeesOnlyStreamsAboutItsLoop() throws IOException {
        Download export = download("", agent.secret());

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        JsonNode header = export.header();
        assertThat(header.path("scope").asText()).isEqualTo("loop");
        assertThat(header.path("loopId").asText()).isEqualTo(agent.loopId());
        assertThat(header.path("complete").asBoolean()).isTrue();
        assertThat(header.path("digestBefore").isNull()).isTrue();
        assertThat(export.streams()).contains(agent.loopId(), agentTask);
        assertThat(export.streams()).doesNotContain(otherTask, other.loopId(), business.loopId());
        assertThat(export.events())
                .filteredOn(event -> event.path("aggregateType").asText().equals("Proof"))
                .as("the proof attached to the agent's task")
                .isNotEmpty();
        assertThat(export.body()).doesNotContain("\"kind\":\"void\"").doesNotContain("\"kind\":\"checkpoint\"");

        ExportVerification result = verify(export.body());
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void businessSeesBothTasks() throws IOException {
        Download export = download("", business.secret());

        assertThat(export.streams()).contains(business.loopId(), agentTask, otherTask);
        assertThat(export.streams()).doesNotContain(agent.loopId(), other.loopId());
        assertThat(verify(export.body()).findings()).isEmpty();
    }

    @Test
    void otherLoopDoesNotSeeTheAgentsTask() throws IOException {
        Download export = download("", other.secret());

        assertThat(export.streams()).contains(other.loopId(), otherTask);
        assertThat(export.streams()).doesNotContain(agentTask, agent.loopId());
        assertThat(verify(export.body()).findings()).isEmpty();
    }

    @Test
    void operatorExportsOneLoopByLoopId() throws IOException {
        Download export = download("?loopId=" + other.loopId(), TestServers.OPERATOR_TOKEN);

        assertThat(export.header().path("scope").asText()).isEqualTo("loop");
        assertThat(export.header().path("filters").path("loopId").asText()).isEqualTo(other.loopId());
        assertThat(export.streams()).contains(otherTask).doesNotContain(agentTask);
        assertThat(verify(export.body()).findings()).isEmpty();
    }

    @Test
    void anotherLoopIsNotFound() {
        Response response = api.get("/api/audit/export?loopId=" + other.loopId(), agent.secret());

        assertThat(response.status()).as("%s", response).isEqualTo(404);
        assertThat(response.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void keyWithoutAuditReadIsRejected() {
        Map<String, Object> key = api.issuedKey(agent.loopId(), agent.secret(), "sender", List.of("aap:send"), "");

        Response response = api.get("/api/audit/export", (String) key.get("secret"));

        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.code()).isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(response.string("requiredScope")).isEqualTo("audit:read");
    }

    @Test
    void testKeyIsRejected() {
        Map<String, Object> key = api.issuedKey(
                agent.loopId(), agent.secret(), "sandbox auditor", List.of("audit:read"), ", \"mode\": \"test\"");

        Response response = api.get("/api/audit/export", (String) key.get("secret"));

        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.code()).isEqualTo("SANDBOX_ONLY");
    }

    @Test
    void eventTypeFilterKeepsThatTypeOnly() throws IOException {
        Download simple = download("?eventType=TaskRequestedEvent", TestServers.OPERATOR_TOKEN);
        Download full =
                download("?eventType=io.openloop.ledger.messages.task.TaskRequestedEvent", TestServers.OPERATOR_TOKEN);

        assertThat(simple.events()).hasSize(2);
        assertThat(simple.events())
                .extracting(event -> event.path("type").asText())
                .containsOnly("io.openloop.ledger.messages.task.TaskRequestedEvent");
        assertThat(full.events()).hasSize(2);
        assertThat(simple.header().path("complete").asBoolean()).isFalse();
        assertThat(simple.header().path("digestBefore").isNull()).isTrue();
        assertThat(simple.header().path("filters").path("eventType").asText()).isEqualTo("TaskRequestedEvent");
        assertThat(verify(simple.body()).findings()).isEmpty();
    }

    @Test
    void aggregateTypeFilterKeepsThatAggregate() throws IOException {
        Download export = download("?aggregateType=Task", business.secret());

        assertThat(export.events()).isNotEmpty();
        assertThat(export.events())
                .extracting(event -> event.path("aggregateType").asText())
                .containsOnly("Task");
        assertThat(export.streams()).containsExactlyInAnyOrder(agentTask, otherTask);
        assertThat(export.header().path("complete").asBoolean()).isFalse();
        assertThat(verify(export.body()).findings()).isEmpty();
    }

    @Test
    void positionRangeKeepsThosePositions() throws IOException {
        Download export = download("?fromPosition=5&toPosition=20", TestServers.OPERATOR_TOKEN);

        JsonNode header = export.header();
        assertThat(header.path("complete").asBoolean()).isTrue();
        assertThat(header.path("fromPosition").asLong())
                .as("the start of the checkpoint block")
                .isZero();
        List<Long> positions = export.lines().stream()
                .filter(line -> line.has("position"))
                .map(line -> line.path("position").asLong())
                .toList();
        assertThat(positions)
                .isNotEmpty()
                .allSatisfy(position -> assertThat(position).isBetween(0L, 20L));
        assertThat(positions.get(positions.size() - 1)).isEqualTo(20);
        assertThat(verify(export.body()).findings()).isEmpty();
    }

    @Test
    void timeRangeKeepsEventsInside() throws IOException {
        Download all = download("", TestServers.OPERATOR_TOKEN);
        JsonNode middle = all.events().get(all.events().size() / 2);
        String from = middle.path("timestamp").asText();

        Download export = download("?from=" + from + "&to=" + afterSetUp, TestServers.OPERATOR_TOKEN);

        assertThat(export.events()).isNotEmpty();
        assertThat(export.events())
                .allSatisfy(event -> assertThat(
                                Instant.parse(event.path("timestamp").asText()))
                        .isBetween(Instant.parse(from), afterSetUp));
        assertThat(export.events().get(0).path("position").asLong())
                .isLessThanOrEqualTo(middle.path("position").asLong());
        assertThat(verify(export.body()).findings()).isEmpty();
    }

    @Test
    void csvExportVerifies() throws IOException {
        Download byParameter = download("?format=csv", agent.secret());
        Download byAccept = download("", agent.secret(), "text/csv");

        assertThat(byParameter.status()).isEqualTo(200);
        assertThat(byParameter.headers().getContentType().toString()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(byParameter.headers().getContentDisposition().getFilename()).endsWith(".csv");
        assertThat(byParameter.body()).startsWith(CsvExportWriter.HEADER + "\r\n");
        assertThat(byAccept.body()).startsWith(CsvExportWriter.HEADER + "\r\n");
        ExportVerification result = verify(byParameter.body());
        assertThat(result.format()).isEqualTo("csv");
        assertThat(result.findings()).isEmpty();
        assertThat(result.report().eventsChecked())
                .isEqualTo(download("", agent.secret()).events().size());
    }

    @Test
    void invalidFiltersAreRejectedByName() {
        Map<String, String> cases = Map.of(
                "?format=xml", "format",
                "?fromPosition=-1", "fromPosition",
                "?toPosition=abc", "toPosition",
                "?fromPosition=9&toPosition=3", "toPosition",
                "?from=yesterday", "from",
                "?from=2026-12-04T10:00:00Z&to=2026-12-03T10:00:00Z", "to",
                "?eventType=Task%20Settled", "eventType",
                "?aggregateType=1Task", "aggregateType");
        cases.forEach((query, field) -> {
            Response response = api.get("/api/audit/export" + query, TestServers.OPERATOR_TOKEN);
            assertThat(response.status()).as("%s: %s", query, response).isEqualTo(400);
            assertThat(response.code()).as(query).isEqualTo("VALIDATION_FAILED");
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) response.body().get("fields");
            assertThat(fields).as(query).containsKey(field);
        });
    }

    @Test
    void jarEntryPointVerifiesFiles() throws Exception {
        Path dir = Files.createTempDirectory(dataDir, "verify");
        String export = download("", TestServers.OPERATOR_TOKEN).body();
        Path good = Files.writeString(dir.resolve("good.ndjson"), export);
        List<String> lines = lines(export);
        int line = firstLineOf(lines, agentTask);
        lines.set(line - 1, lines.get(line - 1).replace("Atlanta", "Atlantb"));
        Path bad = Files.writeString(dir.resolve("bad.ndjson"), join(lines));

        Run clean = verifyExport(good);
        Run tampered = verifyExport(bad);

        assertThat(clean.exitCode()).as(clean.output()).isZero();
        assertThat(clean.output()).contains("result: clean");
        assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(1);
        assertThat(tampered.output()).contains("HASH_MISMATCH at line " + line + ":");
    }

    private record Run(int exitCode, String output) {}

    /** Runs {@code LedgerApplication verify-export FILE} in a JVM of its own, as {@code java -jar} would. */
    private static Run verifyExport(Path file) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LedgerApplication.class.getName(),
                        "verify-export",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
