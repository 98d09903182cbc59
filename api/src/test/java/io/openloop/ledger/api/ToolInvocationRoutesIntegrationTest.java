package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A tool's whole life over HTTP: published, invoked in guided mode, approved, pulled by its provider, reported with
 * proofs, and paid for. It also covers the rejections on the way: too few credits, missing proofs, and a test key in
 * a live mode.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ToolInvocationRoutesIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, ToolInvocationRoutesIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    private ApiCalls api;

    @BeforeEach
    void setUp() {
        client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        api = new ApiCalls(client);
        // Keys of free loops may send 60 requests a minute; slower polling keeps the waits inside that.
        Awaitility.setDefaultPollInterval(Duration.ofMillis(400));
    }

    @AfterEach
    void tearDown() {
        Awaitility.reset();
    }

    /** A response with its headers. */
    record Reply(int status, Map<String, Object> body, HttpHeaders headers) {

        String header(String name) {
            return headers.getFirst(name);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void guidedInvocationIsApprovedPulledReportedAndPaid() {
        Owner publisher = owner("@flow_tools", "pro");
        Owner invoker = owner("@flow_agent", "free");

        Reply published = publish(publisher, "find_dental_leads", "low", 0, false);
        assertThat(published.status()).as("%s", published).isEqualTo(201);
        Reply pricey = publish(publisher, "enrich_leads", "medium", 10, true);
        assertThat(pricey.status()).as("%s", pricey).isEqualTo(201);

        Reply invoked = invoke(invoker.secret(), "@flow_tools/enrich_leads", "guided", null);
        assertThat(invoked.status()).as("%s", invoked).isEqualTo(201);
        assertThat(invoked.body().get("status")).isEqualTo("AWAITING_APPROVAL");
        assertThat(invoked.header("OpenLoop-Credits-Available")).isEqualTo("990");
        assertThat(invoked.header("OpenLoop-Credits-Charged")).isEqualTo("0");
        String invocationId = (String) invoked.body().get("invocationId");

        Reply approvals = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> call(
                                HttpMethod.GET,
                                "/api/loops/" + invoker.loopId() + "/approvals",
                                invoker.secret(),
                                null),
                        reply -> String.valueOf(reply.body().get("items")).contains(invocationId));
        assertThat(approvals.status()).isEqualTo(200);

        Reply approved = call(
                HttpMethod.POST,
                "/api/invocations/" + invocationId + "/approval",
                invoker.secret(),
                "{\"approve\": true}");
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        assertThat(approved.body().get("status")).isEqualTo("PENDING");

        Reply work = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> call(
                                HttpMethod.GET, "/api/developer/invocations?status=pending", publisher.secret(), null),
                        reply -> String.valueOf(reply.body().get("items")).contains(invocationId));
        List<Map<String, Object>> items =
                (List<Map<String, Object>>) work.body().get("items");
        assertThat(items).anySatisfy(item -> assertThat(item.get("input")).isEqualTo(Map.of("city", "Atlanta")));

        Reply withoutProof = report(publisher.secret(), invocationId, "[]");
        assertThat(withoutProof.status()).as("%s", withoutProof).isEqualTo(422);
        assertThat(withoutProof.body().get("code")).isEqualTo("PROOF_REQUIRED");
        assertThat((List<String>) withoutProof.body().get("missing")).containsExactly("source_url", "retrieved_at");

        Reply reported = report(publisher.secret(), invocationId, proofs());
        assertThat(reported.status()).as("%s", reported).isEqualTo(200);
        assertThat(reported.body().get("status")).isEqualTo("SUCCEEDED");
        assertThat((List<String>) reported.body().get("proofIds")).hasSize(2);
        assertThat(reported.header("OpenLoop-Credits-Charged")).isEqualTo("10");
        assertThat(reported.header("OpenLoop-Credits-Available")).isEqualTo("10010");

        Reply logged = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> call(HttpMethod.GET, "/api/invocations/" + invocationId, invoker.secret(), null),
                        reply -> Long.valueOf(10).equals(number(reply.body().get("captured"))));
        assertThat(logged.body().get("status")).isEqualTo("SUCCEEDED");
        assertThat((List<String>) logged.body().get("proofIds")).hasSize(2);

        Reply invokerAccount = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> call(
                                HttpMethod.GET, "/api/loops/" + invoker.loopId() + "/credits", invoker.secret(), null),
                        reply -> Long.valueOf(990).equals(number(reply.body().get("balance"))));
        assertThat(number(invokerAccount.body().get("held"))).isZero();
        Reply publisherAccount = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> call(
                                HttpMethod.GET,
                                "/api/loops/" + publisher.loopId() + "/credits",
                                publisher.secret(),
                                null),
                        reply -> Long.valueOf(10_010).equals(number(reply.body().get("balance"))));
        assertThat(number(publisherAccount.body().get("available"))).isEqualTo(10_010L);
    }

    @Test
    void ownToolIsInvokedAndReportedWithoutCharge() {
        Owner publisher = owner("@self_tools", "pro");
        assertThat(publish(publisher, "own_lookup", "low", 10, false).status()).isEqualTo(201);

        Reply invoked = invoke(publisher.secret(), "@self_tools/own_lookup", "guided", null);
        assertThat(invoked.status()).as("%s", invoked).isEqualTo(201);
        assertThat(invoked.body().get("held")).isEqualTo(0);
        String invocationId = (String) invoked.body().get("invocationId");

        // Sent at once: the result route waits for the invocation log to show an invocation the store has.
        Reply reported = report(publisher.secret(), invocationId, proofs());

        assertThat(reported.status()).as("%s", reported).isEqualTo(200);
        assertThat(reported.body().get("status")).isEqualTo("SUCCEEDED");
        assertThat(reported.body().get("charged")).isEqualTo(0);
        Reply account = call(HttpMethod.GET, "/api/loops/" + publisher.loopId() + "/credits", publisher.secret(), null);
        assertThat(number(account.body().get("balance"))).isEqualTo(10_000L);
    }

    @Test
    void resultForUnknownInvocationIsNotFound() {
        Owner publisher = owner("@ghost_tools", "pro");

        Reply reported = report(publisher.secret(), "inv_01M91CP47TA1H3YV0NEJNRAR3D", proofs());

        assertThat(reported.status()).as("%s", reported).isEqualTo(404);
        assertThat(reported.body().get("code")).isEqualTo("NOT_FOUND");
    }

    @Test
    void invocationBeyondBalanceIsBlocked() {
        Owner publisher = owner("@costly_tools", "pro");
        Owner invoker = owner("@thrifty_agent", "free");
        assertThat(publish(publisher, "deep_search", "low", 5_000, false).status())
                .isEqualTo(201);

        Reply blocked = invoke(invoker.secret(), "@costly_tools/deep_search", "guided", null);

        assertThat(blocked.status()).as("%s", blocked).isEqualTo(402);
        assertThat(blocked.body().get("code")).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(number(blocked.body().get("required"))).isEqualTo(5_000L);
        assertThat(number(blocked.body().get("available"))).isEqualTo(1_000L);
        String invocationId = (String) blocked.body().get("invocationId");
        Reply logged = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> call(HttpMethod.GET, "/api/invocations/" + invocationId, invoker.secret(), null),
                        reply -> reply.status() == 200);
        assertThat(logged.body().get("status")).isEqualTo("BLOCKED");
    }

    @Test
    void testKeyCannotInvokeInLiveModes() {
        Owner publisher = owner("@sandbox_tools", "pro");
        Owner invoker = owner("@sandbox_agent", "free");
        assertThat(publish(publisher, "find_leads", "low", 1, false).status()).isEqualTo(201);
        String testKey = (String) api.issuedKey(
                        invoker.loopId(), invoker.secret(), "test", List.of("tools:invoke"), ", \"mode\": \"test\"")
                .get("secret");

        for (String mode : List.of("guided", "autopilot")) {
            Reply rejectedReply = invoke(testKey, "@sandbox_tools/find_leads", mode, null);
            assertThat(rejectedReply.status()).as("%s: %s", mode, rejectedReply).isEqualTo(403);
            assertThat(rejectedReply.body().get("code")).as(mode).isEqualTo("SANDBOX_ONLY");
        }
        Reply simulated = invoke(testKey, "@sandbox_tools/find_leads", "sandbox", null);
        assertThat(simulated.status()).as("%s", simulated).isEqualTo(201);
        assertThat(simulated.body().get("held")).isEqualTo(0);
        assertThat(simulated.header("OpenLoop-Credits-Available")).isNull();
    }

    @Test
    void invalidInputNamesField() {
        Owner publisher = owner("@schema_tools", "pro");
        Owner invoker = owner("@schema_agent", "free");
        assertThat(publish(publisher, "find_leads", "low", 1, false).status()).isEqualTo(201);

        Reply rejected = call(
                HttpMethod.POST,
                "/api/tools/invoke",
                invoker.secret(),
                "{\"tool\": \"@schema_tools/find_leads\", \"executionMode\": \"guided\","
                        + " \"input\": {\"town\": \"x\"}}");

        assertThat(rejected.status()).as("%s", rejected).isEqualTo(400);
        assertThat(rejected.body().get("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(String.valueOf(rejected.body().get("fields"))).contains("input");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nonFiniteInputNumberIsRejectedNamingThePath() {
        Owner publisher = owner("@huge_tools", "pro");
        Owner invoker = owner("@huge_agent", "free");
        assertThat(publish(publisher, "find_leads", "low", 1, false).status()).isEqualTo(201);

        Reply rejected = call(
                HttpMethod.POST,
                "/api/tools/invoke",
                invoker.secret(),
                "{\"tool\": \"@huge_tools/find_leads\", \"executionMode\": \"guided\","
                        + " \"input\": {\"city\": \"x\", \"n\": [1, -1e400]}}");

        assertThat(rejected.status()).as("%s", rejected).isEqualTo(400);
        assertThat(rejected.body().get("code")).isEqualTo("VALIDATION_FAILED");
        assertThat((Map<String, Object>) rejected.body().get("fields")).containsOnlyKeys("input.n[1]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fiftyConcurrentInvocationsOnAHundredCreditsChargeExactlyTen() throws Exception {
        Owner publisher = owner("@busy_tools", "pro");
        Owner parent = owner("@busy_parent", "pro");
        assertThat(publish(publisher, "quick_lookup", "low", 10, false).status())
                .isEqualTo(201);
        Reply child = call(
                HttpMethod.POST,
                "/api/loops/" + parent.loopId() + "/children",
                parent.secret(),
                "{\"handle\": \"@busy_child\", \"displayName\": \"busy child\"}");
        assertThat(child.status()).as("%s", child).isEqualTo(201);
        String childId = (String) child.body().get("loopId");
        String childSecret = (String) ((Map<String, Object>) child.body().get("ownerKey")).get("secret");
        Reply funded = call(
                HttpMethod.POST,
                "/api/loops/" + parent.loopId() + "/credits/transfers",
                parent.secret(),
                "{\"toLoopId\": \"" + childId + "\", \"amount\": 100}");
        assertThat(funded.status()).as("%s", funded).isLessThan(300);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Long.valueOf(100)
                        .equals(number(call(HttpMethod.GET, "/api/loops/" + childId + "/credits", childSecret, null)
                                .body()
                                .get("available"))));

        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Callable<Reply> task = () -> invoke(childSecret, "@busy_tools/quick_lookup", "guided", null);
                replies.add(pool.submit(task));
            }
            List<String> started = new ArrayList<>();
            int rejected = 0;
            for (Future<Reply> reply : replies) {
                Reply done = reply.get();
                if (done.status() == 201) {
                    started.add((String) done.body().get("invocationId"));
                } else if (done.status() == 402) {
                    rejected++;
                } else {
                    throw new AssertionError("unexpected answer " + done);
                }
            }
            assertThat(started).hasSize(10);
            assertThat(rejected).isEqualTo(40);

            for (String invocationId : started) {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> call(HttpMethod.GET, "/api/invocations/" + invocationId, publisher.secret(), null)
                                        .status()
                                == 200);
                Reply reported = report(publisher.secret(), invocationId, proofs());
                assertThat(reported.status()).as("%s", reported).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        Reply account = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> call(HttpMethod.GET, "/api/loops/" + childId + "/credits", childSecret, null),
                        reply -> Long.valueOf(0).equals(number(reply.body().get("balance"))));
        assertThat(number(account.body().get("held"))).isZero();
    }

    @Test
    void retriedInvocationWithOneIdempotencyKeyChargesOnce() {
        Owner publisher = owner("@retry_tools", "pro");
        Owner invoker = owner("@retry_agent", "free");
        assertThat(publish(publisher, "find_leads", "low", 7, false).status()).isEqualTo(201);
        String key = UUID.randomUUID().toString();

        Reply first = invoke(invoker.secret(), "@retry_tools/find_leads", "guided", key);
        Reply second = invoke(invoker.secret(), "@retry_tools/find_leads", "guided", key);

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(second.status()).as("%s", second).isEqualTo(201);
        assertThat(second.body().get("invocationId")).isEqualTo(first.body().get("invocationId"));
        Reply account = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> call(
                                HttpMethod.GET, "/api/loops/" + invoker.loopId() + "/credits", invoker.secret(), null),
                        reply -> Long.valueOf(7).equals(number(reply.body().get("held"))));
        assertThat(number(account.body().get("available"))).isEqualTo(993L);
    }

    private record Owner(String loopId, String secret) {}

    @SuppressWarnings("unchecked")
    private Owner owner(String handle, String plan) {
        Map<String, Object> loop = api.registerLoop(handle, plan);
        return new Owner(
                (String) loop.get("loopId"), (String) ((Map<String, Object>) loop.get("ownerKey")).get("secret"));
    }

    private Reply publish(Owner publisher, String name, String risk, long price, boolean requiresApproval) {
        String manifest = "{\"name\": \"" + name + "\", \"description\": \"Find leads by city.\","
                + " \"category\": \"sales_revenue_ops\", \"riskLevel\": \"" + risk + "\","
                + " \"requiresApprovalDefault\": " + requiresApproval + ","
                + " \"expectedProofs\": [\"source_url\", \"retrieved_at\"],"
                + " \"inputSchema\": {\"type\": \"object\", \"required\": [\"city\"]},"
                + " \"outputSchema\": {\"type\": \"object\"}, \"providerType\": \"custom_connector\","
                + " \"visibility\": \"marketplace\", \"version\": \"1.0.0\", \"price\": " + price + "}";
        return call(HttpMethod.POST, "/api/developer/tools/manifest", publisher.secret(), manifest);
    }

    private Reply invoke(String secret, String tool, String mode, String idempotencyKey) {
        String body = "{\"tool\": \"" + tool + "\", \"executionMode\": \"" + mode + "\", \"input\": {\"city\":"
                + " \"Atlanta\"}}";
        return call(HttpMethod.POST, "/api/tools/invoke", secret, body, idempotencyKey);
    }

    private Reply report(String secret, String invocationId, String proofs) {
        return call(
                HttpMethod.POST,
                "/api/invocations/" + invocationId + "/result",
                secret,
                "{\"status\": \"succeeded\", \"output\": {\"leads\": 3}, \"proofs\": " + proofs + "}");
    }

    private static String proofs() {
        Instant now = Instant.now();
        return "[{\"kind\": \"source_url\", \"uri\": \"https://example.org/dentists\", \"sha256\": \"" + SHA
                + "\", \"capturedAt\": \"" + now + "\"},"
                + " {\"kind\": \"retrieved_at\", \"data\": \"" + now + "\", \"sha256\": \"" + SHA
                + "\", \"capturedAt\": \"" + now + "\"}]";
    }

    private Reply call(HttpMethod method, String path, String token, String json) {
        return call(method, path, token, json, null);
    }

    @SuppressWarnings("unchecked")
    private Reply call(HttpMethod method, String path, String token, String json, String idempotencyKey) {
        WebTestClient.RequestBodySpec request =
                client.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        WebTestClient.RequestHeadersSpec<?> ready = json == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
        EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
        byte[] body = result.getResponseBody();
        try {
            Object parsed = body == null || body.length == 0 ? null : JSON.readValue(body, Object.class);
            Map<String, Object> map = parsed instanceof Map<?, ?> object ? (Map<String, Object>) object : Map.of();
            return new Reply(result.getStatus().value(), map, result.getResponseHeaders());
        } catch (IOException e) {
            throw new UncheckedIOException("response to " + method + " " + path + " is not JSON", e);
        }
    }

    private static Long number(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }
}
