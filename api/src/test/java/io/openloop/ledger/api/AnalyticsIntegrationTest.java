package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.api.ApiCalls.Response;
import io.openloop.ledger.projection.analytics.AnalyticsReadModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

/**
 * The analytics routes over data made through the real flows: tools published, invoked, approved, rejected, denied,
 * blocked and reported, with proofs. Every expected figure is counted by hand from those flows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsIntegrationTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    // Created by hand: with one test instance per class the context starts before JUnit fills a static @TempDir.
    private static final Path dataDir = temporaryDirectory();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, AnalyticsIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MongoDatabase database;

    @Autowired
    EventProcessingConfiguration processing;

    private ApiCalls api;
    private Loop publisher;
    private Loop agent;
    private Loop child;
    private Loop stranger;
    private String leadsToolId;
    private String quoteToolId;
    private final List<String> resultIds = new ArrayList<>();
    private final String today = LocalDate.now(ZoneOffset.UTC).toString();

    private record Loop(String loopId, String secret) {}

    /**
     * Runs the flows. Loop {@code @an_agent} and its child {@code @an_child} invoke two tools of {@code @an_tools}:
     * find_leads (sales_revenue_ops, low risk, 10 credits) succeeds once, fails once and is blocked once for the
     * child, which has no credits; quote (home_services, critical risk, 25 credits) is approved and succeeds, is
     * rejected by the owner, and is denied by policy in autopilot.
     */
    @BeforeAll
    void runFlows() {
        client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        api = new ApiCalls(client);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(300));

        publisher = loop("@an_tools");
        agent = loop("@an_agent");
        stranger = loop("@an_stranger");
        Response registered = api.registerChild(agent.loopId(), agent.secret(), "@an_child", null);
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        child = new Loop(registered.string("loopId"), ApiCalls.ownerSecret(registered.body()));

        leadsToolId = publish("find_leads", "sales_revenue_ops", "low", 10);
        quoteToolId = publish("quote", "home_services", "critical", 25);

        String succeeded = invoke(agent, "find_leads", "guided", 201);
        report(succeeded, "{\"status\": \"succeeded\", \"output\": {}, \"proofs\": " + proofs() + "}");
        String failed = invoke(agent, "find_leads", "guided", 201);
        report(failed, "{\"status\": \"failed\", \"error\": \"upstream timed out\"}");
        invoke(child, "find_leads", "guided", 402);

        String approved = invoke(agent, "quote", "guided", 201);
        decide(approved, true);
        report(approved, "{\"status\": \"succeeded\", \"output\": {}, \"proofs\": " + proofs() + "}");
        String rejected = invoke(agent, "quote", "guided", 201);
        decide(rejected, false);
        invoke(agent, "quote", "autopilot", 403);

        resultIds.addAll(List.of(succeeded, failed, approved));
    }

    @AfterAll
    void tearDown() throws IOException {
        Awaitility.reset();
        FileSystemUtils.deleteRecursively(dataDir);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("openloop-analytics-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the data directory of the test server", e);
        }
    }

    @Test
    void invocationsByTool() {
        Response view = awaitInvocations(agent.secret(), "groupBy=tool", 6);

        assertThat(view.status()).isEqualTo(200);
        List<Map<String, Object>> groups = groups(view);
        assertThat(groups).extracting(group -> group.get("key")).containsExactlyInAnyOrder(leadsToolId, quoteToolId);
        Map<String, Object> leads = group(groups, leadsToolId);
        assertThat(leads.get("toolName")).isEqualTo("@an_tools/find_leads");
        assertThat(counts(leads)).isEqualTo(Map.of("count", 3L, "succeeded", 1L, "failed", 1L, "blocked", 1L));
        assertThat(number(leads.get("creditsCharged"))).isEqualTo(10);
        assertThat(leads.get("successRate")).isEqualTo(0.5);
        assertThat(leads).doesNotContainKey("approvalRate");
        Map<String, Object> quote = group(groups, quoteToolId);
        assertThat(counts(quote))
                .isEqualTo(Map.of(
                        "count",
                        3L,
                        "succeeded",
                        1L,
                        "rejected",
                        1L,
                        "denied",
                        1L,
                        "approvalRequested",
                        2L,
                        "approved",
                        1L));
        assertThat(number(quote.get("creditsCharged"))).isEqualTo(25);
        assertThat(quote.get("successRate")).isEqualTo(1.0);
        assertThat(quote.get("approvalRate")).isEqualTo(0.5);
        Map<String, Object> total = total(view);
        assertThat(number(total.get("count"))).isEqualTo(6);
        assertThat(number(total.get("creditsCharged"))).isEqualTo(35);
        assertThat(total.get("successRate")).isEqualTo(2.0 / 3);
    }

    @Test
    void invocationsByDomainAndDay() {
        awaitInvocations(agent.secret(), "groupBy=tool", 6);

        Response byDomain = api.get("/api/analytics/invocations?groupBy=domain", agent.secret());
        Response byDay = api.get("/api/analytics/invocations?groupBy=day", agent.secret());

        assertThat(groups(byDomain))
                .extracting(group -> group.get("key"))
                .containsExactly("home_services", "sales_revenue_ops");
        assertThat(number(groups(byDomain).get(1).get("count"))).isEqualTo(3);
        assertThat(byDay.string("groupBy")).isEqualTo("day");
        // The flows ran moments ago; a run across midnight UTC splits them over two days.
        assertThat(groups(byDay)).extracting(group -> group.get("key")).contains(today);
        assertThat(groups(byDay).stream()
                        .mapToLong(group -> number(group.get("count")))
                        .sum())
                .isEqualTo(6);
    }

    @Test
    void durationsMatchTheInvocationLog() {
        awaitInvocations(agent.secret(), "groupBy=tool", 6);
        List<Long> durations = new ArrayList<>();
        for (String invocationId : resultIds) {
            durations.add(number(api.get("/api/invocations/" + invocationId, agent.secret())
                    .body()
                    .get("durationMs")));
        }
        durations.sort(null);

        Response view = api.get("/api/analytics/invocations/durations", agent.secret());

        Map<String, Object> overall = map(view.body().get("overall"));
        assertThat(number(overall.get("count"))).isEqualTo(3);
        // Nearest rank of 3 sorted values: ceil(1.5) = 2 for p50, ceil(2.85) = 3 for p95.
        assertThat(number(overall.get("p50Ms"))).isEqualTo(durations.get(1));
        assertThat(number(overall.get("p95Ms"))).isEqualTo(durations.get(2));
        assertThat(list(view.body().get("tools")))
                .extracting(tool -> tool.get("toolId"))
                .containsExactly(leadsToolId, quoteToolId);
    }

    @Test
    void operatorSeesEveryLoopAndChoosesOne() {
        awaitInvocations(agent.secret(), "groupBy=tool", 6);

        Response all = api.get("/api/analytics/invocations", TestServers.OPERATOR_TOKEN);
        Response childOnly = api.get("/api/analytics/invocations?loopId=" + child.loopId(), TestServers.OPERATOR_TOKEN);

        assertThat(number(total(all).get("count"))).isGreaterThanOrEqualTo(6);
        assertThat(number(total(childOnly).get("count"))).isEqualTo(1);
        assertThat(number(total(childOnly).get("blocked"))).isEqualTo(1);
    }

    @Test
    void loopKeySeesOnlyItsOwnTree() {
        awaitInvocations(agent.secret(), "groupBy=tool", 6);

        Response strangers = api.get("/api/analytics/invocations", stranger.secret());
        Response childs = api.get("/api/analytics/invocations", child.secret());
        Response otherLoop = api.get("/api/analytics/invocations?loopId=" + agent.loopId(), stranger.secret());
        Response parent = api.get("/api/analytics/invocations?loopId=" + agent.loopId(), child.secret());
        Response managed = api.get("/api/analytics/invocations?loopId=" + child.loopId(), agent.secret());

        assertThat(number(total(strangers).get("count"))).isZero();
        assertThat(number(total(childs).get("count"))).isEqualTo(1);
        assertThat(otherLoop.status()).as("%s", otherLoop).isEqualTo(404);
        assertThat(otherLoop.code()).isEqualTo("NOT_FOUND");
        assertThat(parent.status()).as("%s", parent).isEqualTo(404);
        assertThat(number(total(managed).get("count"))).isEqualTo(1);
        for (String path : List.of(
                "/api/analytics/trust", "/api/analytics/verification", "/api/analytics/invocations/durations")) {
            Response hidden = api.get(path + "?loopId=" + publisher.loopId(), agent.secret());
            assertThat(hidden.status()).as("%s %s", path, hidden).isEqualTo(404);
        }
    }

    @Test
    void scopesOfEachRoute() {
        String auditor = key(agent, List.of("audit:read"));
        String invoker = key(agent, List.of("tools:invoke"));
        String truster = key(agent, List.of("trust:read"));
        String sender = key(agent, List.of("aap:send"));

        assertThat(api.get("/api/analytics/invocations", auditor).status()).isEqualTo(200);
        assertThat(api.get("/api/analytics/trust", auditor).status()).isEqualTo(200);
        assertThat(api.get("/api/analytics/invocations/durations", invoker).status())
                .isEqualTo(200);
        assertThat(api.get("/api/analytics/verification", truster).status()).isEqualTo(200);
        Response trustOnly = api.get("/api/analytics/invocations", truster);
        assertThat(trustOnly.status()).isEqualTo(403);
        assertThat(trustOnly.string("requiredScope")).isEqualTo("audit:read");
        assertThat(api.get("/api/analytics/trust", invoker).status()).isEqualTo(403);
        assertThat(api.get("/api/analytics/verification", sender).status()).isEqualTo(403);
    }

    @Test
    void trustDistributionOfTheAgentTree() {
        // The agent's policy denial scores it round(100 * 1 / 2.5) = 40; the child has no history and counts at 50.
        Response view = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/analytics/trust", agent.secret()), reply -> loopsIn(reply, 40) == 1);

        assertThat(number(view.body().get("loops"))).isEqualTo(2);
        assertThat(loopsIn(view, 50)).isEqualTo(1);
        assertThat(list(view.body().get("buckets"))).hasSize(10);
        Response before = api.get("/api/analytics/trust?to=2020-01-01", TestServers.OPERATOR_TOKEN);
        assertThat(number(before.body().get("loops"))).isZero();
    }

    @Test
    void verificationLevelsOfThePublisher() {
        // Each successful result carried one source_url proof, evidenced (V1) and then checked by the platform (V2).
        Response view = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/analytics/verification", publisher.secret()),
                        reply -> number(levels(reply, "subjects").get("V2")) == 2);

        List<Map<String, Object>> loops = list(view.body().get("loops"));
        assertThat(loops).hasSize(1);
        assertThat(loops.get(0).get("loopId")).isEqualTo(publisher.loopId());
        assertThat(number(levels(view, "proofs").get("V2"))).isEqualTo(2);
        assertThat(number(levels(view, "proofs").get("V1"))).isZero();
        assertThat(number(loops.get(0).get("disputedProofs"))).isZero();
        assertThat(list(api.get("/api/analytics/verification", agent.secret())
                        .body()
                        .get("loops")))
                .isEmpty();
    }

    @Test
    void replayRebuildsIdenticalDocuments() {
        awaitInvocations(agent.secret(), "groupBy=tool", 6);
        MongoCollection<Document> collection = database.getCollection(AnalyticsReadModels.INVOCATIONS);
        List<Document> before = sorted(collection);
        StreamingEventProcessor processor = processing
                .eventProcessor("invocation-analytics", StreamingEventProcessor.class)
                .orElseThrow();

        processor.shutDown();
        processor.resetTokens();
        processor.start();

        List<Document> after = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> sorted(collection), documents -> documents.equals(before));
        assertThat(after).hasSizeGreaterThanOrEqualTo(6);
    }

    private static List<Document> sorted(MongoCollection<Document> collection) {
        return collection.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    @Test
    void invalidParametersNameTheField() {
        Map<String, String> cases = Map.of(
                "from=yesterday", "from",
                "to=2026-13-01", "to",
                "from=2026-03-01&to=2026-02-01", "from",
                "from=2024-01-01&to=2026-01-01", "to",
                "groupBy=week", "groupBy",
                "mode=live", "mode");
        cases.forEach((query, field) -> {
            Response response = api.get("/api/analytics/invocations?" + query, agent.secret());
            assertThat(response.status()).as("%s: %s", query, response).isEqualTo(400);
            assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(map(response.body().get("fields"))).as(query).containsKey(field);
        });
        Response offset =
                api.get("/api/analytics/invocations?from=2026-01-01T00:00:00-02:00&to=2026-01-02", agent.secret());
        assertThat(offset.status()).as("%s", offset).isEqualTo(200);
        assertThat(offset.string("from")).isEqualTo("2026-01-01T02:00:00Z");
        assertThat(offset.string("to")).isEqualTo("2026-01-03T00:00:00Z");
    }

    private Response awaitInvocations(String secret, String query, long count) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/analytics/invocations?" + query, secret),
                        reply -> reply.status() == 200 && number(total(reply).get("count")) == count);
    }

    private Loop loop(String handle) {
        Map<String, Object> registration = api.registerLoop(handle, "pro");
        return new Loop((String) registration.get("loopId"), ApiCalls.ownerSecret(registration));
    }

    private String key(Loop loop, List<String> scopes) {
        return (String) api.issuedKey(loop.loopId(), loop.secret(), "analytics " + scopes, scopes, "")
                .get("secret");
    }

    private String publish(String name, String category, String risk, long price) {
        Response published = api.send(
                HttpMethod.POST,
                "/api/developer/tools/manifest",
                publisher.secret(),
                "{\"name\": \"" + name + "\", \"description\": \"A tool.\", \"category\": \"" + category + "\","
                        + " \"riskLevel\": \"" + risk + "\", \"requiresApprovalDefault\": false,"
                        + " \"expectedProofs\": [\"source_url\"], \"inputSchema\": {\"type\": \"object\"},"
                        + " \"outputSchema\": {\"type\": \"object\"}, \"providerType\": \"custom_connector\","
                        + " \"visibility\": \"marketplace\", \"version\": \"1.0.0\", \"price\": " + price + "}");
        assertThat(published.status()).as("%s", published).isEqualTo(201);
        return published.string("toolId");
    }

    private String invoke(Loop invoker, String tool, String mode, int status) {
        Response invoked = api.send(
                HttpMethod.POST,
                "/api/tools/invoke",
                invoker.secret(),
                "{\"tool\": \"@an_tools/" + tool + "\", \"executionMode\": \"" + mode + "\", \"input\": {}}");
        assertThat(invoked.status()).as("%s", invoked).isEqualTo(status);
        return invoked.string("invocationId");
    }

    private void report(String invocationId, String result) {
        awaitStatus(invocationId, "PENDING");
        Response reported =
                api.send(HttpMethod.POST, "/api/invocations/" + invocationId + "/result", publisher.secret(), result);
        assertThat(reported.status()).as("%s", reported).isEqualTo(200);
    }

    private void decide(String invocationId, boolean approve) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/invocations/" + invocationId, agent.secret())
                                .string("status"),
                        "AWAITING_APPROVAL"::equals);
        Response decided = api.send(
                HttpMethod.POST,
                "/api/invocations/" + invocationId + "/approval",
                agent.secret(),
                "{\"approve\": " + approve + ", \"reason\": \"checked\"}");
        assertThat(decided.status()).as("%s", decided).isEqualTo(200);
    }

    /** Waits until the invocation log shows the invocation in {@code status}, which the routes read. */
    private void awaitStatus(String invocationId, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/invocations/" + invocationId, agent.secret())
                                .string("status"),
                        status::equals);
    }

    private static String proofs() {
        return "[{\"kind\": \"source_url\", \"uri\": \"https://example.org/leads\", \"sha256\": \"" + SHA
                + "\", \"capturedAt\": \"" + Instant.now() + "\"}]";
    }

    /** Returns the count fields of a group that are not zero. */
    private static Map<String, Long> counts(Map<String, Object> group) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String field : List.of(
                "count",
                "succeeded",
                "failed",
                "denied",
                "blocked",
                "rejected",
                "expired",
                "simulated",
                "open",
                "approvalRequested",
                "approved")) {
            long value = number(group.get(field));
            if (value != 0) {
                counts.put(field, value);
            }
        }
        return counts;
    }

    private static Map<String, Object> group(List<Map<String, Object>> groups, String key) {
        return groups.stream()
                .filter(group -> key.equals(group.get("key")))
                .findFirst()
                .orElseThrow();
    }

    private static List<Map<String, Object>> groups(Response view) {
        return list(view.body().get("groups"));
    }

    private static Map<String, Object> total(Response view) {
        return map(view.body().get("total"));
    }

    private static long loopsIn(Response view, int from) {
        return list(view.body().get("buckets")).stream()
                .filter(bucket -> number(bucket.get("from")) == from)
                .mapToLong(bucket -> number(bucket.get("loops")))
                .sum();
    }

    private static Map<String, Object> levels(Response view, String field) {
        List<Map<String, Object>> loops = list(view.body().get("loops"));
        return loops.isEmpty() ? Map.of() : map(loops.get(0).get(field));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : -1;
    }
}
