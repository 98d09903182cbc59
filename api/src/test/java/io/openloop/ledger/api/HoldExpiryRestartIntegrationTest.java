package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An invocation and its hold expire while the server is stopped. After the restart, the persistent deadlines fire:
 * the invocation ends {@code EXPIRED} and the held credits are available again.
 */
class HoldExpiryRestartIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    @SuppressWarnings("unchecked")
    void holdThatExpiredWhileDownIsReleasedAfterStart() throws InterruptedException {
        String invokerId;
        String invokerSecret;
        String invocationId;
        try (ConfigurableApplicationContext server = start()) {
            WebTestClient client = clientFor(server);
            Map<String, Object> publisher = register(client, "@expiry_tools", "pro");
            String publisherSecret = secret(publisher);
            Map<String, Object> invoker = register(client, "@expiry_agent", "free");
            invokerId = (String) invoker.get("loopId");
            invokerSecret = secret(invoker);
            post(client, publisherSecret, "/api/developer/tools/manifest", manifest(), 201);

            Map<String, Object> invoked = post(
                    client,
                    invokerSecret,
                    "/api/tools/invoke",
                    "{\"tool\": \"@expiry_tools/slow_lookup\", \"executionMode\": \"guided\","
                            + " \"input\": {\"city\": \"Atlanta\"}}",
                    201);
            invocationId = (String) invoked.get("invocationId");
            assertThat(invoked.get("held")).isEqualTo(25);
        }

        // The invocation expires 2 s after it was requested and its hold 1 s later; both pass while nothing runs.
        Thread.sleep(4_000);

        try (ConfigurableApplicationContext server = start()) {
            WebTestClient client = clientFor(server);
            String path = "/api/invocations/" + invocationId;
            Map<String, Object> expired = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> get(client, invokerSecret, path), body -> "EXPIRED".equals(body.get("status")));
            assertThat(expired.get("status")).isEqualTo("EXPIRED");

            Map<String, Object> account = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> get(client, invokerSecret, "/api/loops/" + invokerId + "/credits"),
                            body -> Integer.valueOf(0).equals(body.get("held")));
            assertThat(account.get("available")).isEqualTo(1_000);
            assertThat(account.get("balance")).isEqualTo(1_000);
            assertThat((java.util.List<Object>) account.get("openHolds")).isEmpty();
        }
    }

    private ConfigurableApplicationContext start() {
        System.out.println(
                "[store] HoldExpiryRestartIntegrationTest runs on the embedded mongo-java-server store in " + dataDir);
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run(
                        "--openloop.data.dir=" + dataDir,
                        "--openloop.mongo.uri=",
                        "--openloop.admin.token=" + TestServers.OPERATOR_TOKEN,
                        "--openloop.invocations.timeout=PT2S",
                        "--openloop.invocations.hold-grace=PT1S",
                        "--server.shutdown=immediate",
                        "--server.port=0");
    }

    private static String manifest() {
        return "{\"name\": \"slow_lookup\", \"description\": \"Looks slowly.\", \"category\": \"sales_revenue_ops\","
                + " \"riskLevel\": \"low\", \"requiresApprovalDefault\": false, \"expectedProofs\": [],"
                + " \"inputSchema\": {\"type\": \"object\"}, \"outputSchema\": {\"type\": \"object\"},"
                + " \"providerType\": \"custom_connector\", \"visibility\": \"marketplace\", \"version\": \"1.0.0\","
                + " \"price\": 25}";
    }

    private static WebTestClient clientFor(ConfigurableApplicationContext server) {
        String port = server.getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static String secret(Map<String, Object> registration) {
        return (String) ((Map<String, Object>) registration.get("ownerKey")).get("secret");
    }

    private static Map<String, Object> register(WebTestClient client, String handle, String plan) {
        return post(
                client,
                TestServers.OPERATOR_TOKEN,
                "/api/developer/loops",
                "{\"handle\": \"" + handle + "\", \"displayName\": \"Expiry\", \"plan\": \"" + plan + "\"}",
                201);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> post(WebTestClient client, String token, String path, String json, int status) {
        return client.post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> get(WebTestClient client, String token, String path) {
        Map<String, Object> body = client.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return body == null ? Map.of() : body;
    }
}
