package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.api.ApiCalls.Response;
import io.openloop.ledger.projection.ProjectionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
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
 * Replays of every projection through the operator routes, over read models built by the real flows: loops and keys,
 * a tool invoked with proofs and an approval, and a settled task. Each replay must leave the collections exactly as
 * the live processors built them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectionReplayIntegrationTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String OPERATOR = TestServers.OPERATOR_TOKEN;
    private static final Set<String> REPLAYABLE = Set.of(
            "loops",
            "api-keys",
            "loop-directory",
            "tools",
            "loop-policies",
            "invocation-log",
            "credit-accounts",
            "tasks",
            "proofs",
            "trust-scores",
            "audit-streams",
            "invocation-analytics");

    // Created by hand: with one test instance per class the context starts before JUnit fills a static @TempDir.
    private static final Path dataDir = temporaryDirectory();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, ProjectionReplayIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MongoDatabase database;

    @Autowired
    List<ProjectionDefinition> definitions;

    private ApiCalls api;
    private Loop publisher;
    private Loop agent;

    private record Loop(String loopId, String secret) {}

    @BeforeAll
    void runFlows() {
        client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        api = new ApiCalls(client);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(200));

        publisher = loop("@rp_tools", "developer");
        agent = loop("@rp_agent", "developer");
        api.issuedKey(agent.loopId(), agent.secret(), "reader", List.of("aap:read"), "");
        Response policy = api.send(
                HttpMethod.PUT,
                "/api/loops/" + agent.loopId() + "/policy",
                agent.secret(),
                "{\"deniedDomains\": [\"home_services\"]}");
        assertThat(policy.status()).as("%s", policy).isEqualTo(200);
        publish("find_leads", "low");
        publish("quote", "critical");
        String succeeded = invoke("find_leads");
        report(succeeded, "{\"status\": \"succeeded\", \"output\": {}, \"proofs\": " + proofs("source_url") + "}");
        String approved = invoke("quote");
        decide(approved);
        report(approved, "{\"status\": \"failed\", \"error\": \"upstream timed out\"}");
        settledTask(agent, verifiedBusiness("@rp_business"));
    }

    @AfterAll
    void tearDown() throws IOException {
        Awaitility.reset();
        FileSystemUtils.deleteRecursively(dataDir);
    }

    @Test
    void everyReadModelProjectionIsReplayable() {
        Response list = api.get("/api/admin/projections", OPERATOR);

        assertThat(list.status()).as("%s", list).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> projection : list(list.body().get("projections"))) {
            names.add((String) projection.get("name"));
        }
        assertThat(names).isEqualTo(new TreeSet<>(REPLAYABLE));
        assertThat(number(list.body().get("headPosition"))).isPositive();
    }

    @Test
    void replayOfEachProjectionKeepsItsCollections() {
        for (ProjectionDefinition definition : definitions) {
            String name = definition.processingGroup();
            awaitCaughtUp();
            Map<String, String> before = digests(definition);
            assertThat(before.values()).as("collections of %s", name).isNotEmpty();

            Response started = api.send(HttpMethod.POST, "/api/admin/projections/" + name + "/replay", OPERATOR, null);
            assertThat(started.status()).as("%s", started).isEqualTo(202);
            assertThat(started.string("name")).isEqualTo(name);
            Response done = awaitFinished(name);

            assertThat(done.string("state")).as("%s", done).isEqualTo("DONE");
            assertThat(number(done.body().get("eventsApplied"))).as("%s", done).isPositive();
            assertThat(done.string("finishedAt")).isNotNull();
            awaitCaughtUp();
            assertThat(digests(definition))
                    .as("collections of %s after its replay", name)
                    .isEqualTo(before);
            assertThat(database.listCollectionNames().into(new ArrayList<>()))
                    .as("shadow collections left after the replay of %s", name)
                    .noneMatch(collection -> collection.endsWith("__replay"));
        }
    }

    @Test
    void replayOfAllKeepsEventsAppendedMeanwhile() {
        Response started = api.send(HttpMethod.POST, "/api/admin/projections/replay", OPERATOR, null);
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.string("replayId")).startsWith("rpl_");
        assertThat(list(started.body().get("replays"))).hasSize(REPLAYABLE.size());

        List<String> handles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String handle = "@rp_during_" + i;
            loop(handle, "developer");
            handles.add(handle);
        }
        for (String name : REPLAYABLE) {
            Response done = awaitFinished(name);
            assertThat(done.string("state")).as("%s", done).isEqualTo("DONE");
            assertThat(done.string("replayId")).isEqualTo(started.string("replayId"));
        }

        for (String handle : handles) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(database.getCollection("loops")
                                    .find(new org.bson.Document("handle", handle))
                                    .first())
                            .as("loop %s registered during the replay", handle)
                            .isNotNull());
        }
    }

    @Test
    void secondReplayWhileRunningIsConflict() {
        Response first = api.send(HttpMethod.POST, "/api/admin/projections/audit-streams/replay", OPERATOR, null);
        Response second = api.send(HttpMethod.POST, "/api/admin/projections/audit-streams/replay", OPERATOR, null);

        assertThat(first.status()).as("%s", first).isEqualTo(202);
        assertThat(second.status()).as("%s", second).isEqualTo(409);
        assertThat(second.code()).isEqualTo("INVALID_STATE");
        assertThat(awaitFinished("audit-streams").string("state")).isEqualTo("DONE");
    }

    @Test
    void unknownProjectionIsNotFound() {
        Response replay = api.send(HttpMethod.POST, "/api/admin/projections/no-such/replay", OPERATOR, null);
        Response status = api.get("/api/admin/projections/no-such/replay", OPERATOR);
        Response many =
                api.send(HttpMethod.POST, "/api/admin/projections/replay", OPERATOR, "{\"names\": [\"no-such\"]}");

        assertThat(replay.status()).as("%s", replay).isEqualTo(404);
        assertThat(replay.code()).isEqualTo("NOT_FOUND");
        assertThat(status.status()).as("%s", status).isEqualTo(404);
        assertThat(many.status()).as("%s", many).isEqualTo(404);
    }

    @Test
    void emptyNamesIsRejected() {
        Response replay = api.send(HttpMethod.POST, "/api/admin/projections/replay", OPERATOR, "{\"names\": []}");

        assertThat(replay.status()).as("%s", replay).isEqualTo(400);
        assertThat(replay.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void nullNameIsRejectedByIndex() {
        Response replay =
                api.send(HttpMethod.POST, "/api/admin/projections/replay", OPERATOR, "{\"names\": [\"loops\", null]}");

        assertThat(replay.status()).as("%s", replay).isEqualTo(400);
        assertThat(replay.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(map(replay.body().get("fields"))).containsOnlyKeys("names[1]");
    }

    @Test
    void numberNameIsRejectedByIndex() {
        Response replay = api.send(HttpMethod.POST, "/api/admin/projections/replay", OPERATOR, "{\"names\": [1]}");

        assertThat(replay.status()).as("%s", replay).isEqualTo(400);
        assertThat(replay.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(map(replay.body().get("fields"))).containsOnlyKeys("names[0]");
    }

    @Test
    void misspeltFieldIsRejected() {
        Response replay =
                api.send(HttpMethod.POST, "/api/admin/projections/replay", OPERATOR, "{\"nams\": [\"tools\"]}");

        assertThat(replay.status()).as("%s", replay).isEqualTo(400);
        assertThat(replay.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(map(replay.body().get("fields"))).containsOnlyKeys("nams");
    }

    @Test
    void loopKeyGetsNotFound() {
        Response list = api.get("/api/admin/projections", agent.secret());
        Response replay = api.send(HttpMethod.POST, "/api/admin/projections/loops/replay", agent.secret(), null);
        Response status = api.get("/api/admin/projections/loops/replay", agent.secret());

        assertThat(list.status()).as("%s", list).isEqualTo(404);
        assertThat(replay.status()).as("%s", replay).isEqualTo(404);
        assertThat(status.status()).as("%s", status).isEqualTo(404);
        assertThat(replay.code()).isEqualTo("NOT_FOUND");
    }

    private Map<String, String> digests(ProjectionDefinition definition) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String collection : definition.collections()) {
            digests.put(collection, CollectionDigest.of(database.getCollection(collection)));
        }
        return digests;
    }

    /** Waits until every live processor has applied the last stored event. */
    private void awaitCaughtUp() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response list = api.get("/api/admin/projections", OPERATOR);
            long last = number(list.body().get("headPosition")) - 1;
            for (Map<String, Object> projection : list(list.body().get("projections"))) {
                Object position = projection.get("tokenPosition");
                if (position == null || number(position) < last) {
                    return false;
                }
            }
            return true;
        });
    }

    private Response awaitFinished(String name) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> api.get("/api/admin/projections/" + name + "/replay", OPERATOR),
                        status -> Set.of("DONE", "FAILED").contains(status.string("state")));
    }

    private Loop loop(String handle, String kind) {
        Map<String, Object> registration = api.registerLoop(handle, "pro", kind);
        return new Loop((String) registration.get("loopId"), ApiCalls.ownerSecret(registration));
    }

    private Loop verifiedBusiness(String handle) {
        Loop business = loop(handle, "business");
        api.verifyBusiness(business.loopId(), business.secret());
        Response policy = api.send(
                HttpMethod.PUT,
                "/api/loops/" + business.loopId() + "/task-policy",
                business.secret(),
                "{\"tasks\": {\"quote_request\": {\"inputSchema\": {\"type\": \"object\"}}}}");
        assertThat(policy.status()).as("%s", policy).isEqualTo(200);
        return business;
    }

    private void publish(String name, String risk) {
        Response published = api.send(
                HttpMethod.POST,
                "/api/developer/tools/manifest",
                publisher.secret(),
                "{\"name\": \"" + name + "\", \"description\": \"A tool.\", \"category\": \"sales_revenue_ops\","
                        + " \"riskLevel\": \"" + risk + "\", \"requiresApprovalDefault\": false,"
                        + " \"expectedProofs\": [\"source_url\"], \"inputSchema\": {\"type\": \"object\"},"
                        + " \"outputSchema\": {\"type\": \"object\"}, \"providerType\": \"custom_connector\","
                        + " \"visibility\": \"marketplace\", \"version\": \"1.0.0\", \"price\": 10}");
        assertThat(published.status()).as("%s", published).isEqualTo(201);
    }

    private String invoke(String tool) {
        Response invoked = api.send(
                HttpMethod.POST,
                "/api/tools/invoke",
                agent.secret(),
                "{\"tool\": \"@rp_tools/" + tool + "\", \"executionMode\": \"guided\", \"input\": {}}");
        assertThat(invoked.status()).as("%s", invoked).isEqualTo(201);
        return invoked.string("invocationId");
    }

    private void report(String invocationId, String result) {
        awaitStatus(invocationId, "PENDING");
        Response reported =
                api.send(HttpMethod.POST, "/api/invocations/" + invocationId + "/result", publisher.secret(), result);
        assertThat(reported.status()).as("%s", reported).isEqualTo(200);
    }

    private void decide(String invocationId) {
        awaitStatus(invocationId, "AWAITING_APPROVAL");
        Response decided = api.send(
                HttpMethod.POST,
                "/api/invocations/" + invocationId + "/approval",
                agent.secret(),
                "{\"approve\": true, \"reason\": \"checked\"}");
        assertThat(decided.status()).as("%s", decided).isEqualTo(200);
    }

    private void awaitStatus(String invocationId, String status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/invocations/" + invocationId, agent.secret())
                                .string("status"),
                        status::equals);
    }

    private void settledTask(Loop requester, Loop business) {
        String taskId = send(
                        requester,
                        "{\"type\": \"TASK_REQUEST\", \"to\": \"@rp_business\", \"task\": \"quote_request\","
                                + " \"inputs\": {\"city\": \"Atlanta\"}}")
                .string("taskId");
        assertThat(taskId).isNotNull();
        send(business, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 300}");
        assertThat(send(requester, "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\"}")
                        .status())
                .isEqualTo(201);
        assertThat(send(
                                business,
                                "{\"type\": \"TASK_COMPLETE\", \"taskId\": \"" + taskId + "\", \"result\": {},"
                                        + " \"proofs\": " + proofs("document") + "}")
                        .status())
                .isEqualTo(201);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/tasks/" + taskId, requester.secret()).string("state"), "SETTLED"::equals);
    }

    private Response send(Loop sender, String message) {
        return api.send(HttpMethod.POST, "/api/aap/messages", sender.secret(), message);
    }

    private static String proofs(String kind) {
        return "[{\"kind\": \"" + kind + "\", \"uri\": \"https://example.org/result\", \"sha256\": \"" + SHA
                + "\", \"capturedAt\": \"" + Instant.now() + "\"}]";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("openloop-replay-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the data directory of the test server", e);
        }
    }
}
