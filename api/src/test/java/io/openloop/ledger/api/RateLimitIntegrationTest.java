package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Runs the server with the operator limited to {@value #LIMIT} requests per minute. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class RateLimitIntegrationTest {

    static final int LIMIT = 5;
    static final String POLICY = "\"operator\";q=" + LIMIT + ";w=60";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, RateLimitIntegrationTest.class);
        registry.add("openloop.rate-limit.operator-per-minute", () -> Integer.toString(LIMIT));
    }

    @Autowired
    WebTestClient client;

    @Test
    void authenticatedResponseCarriesRateLimitHeaders() {
        HttpHeaders headers = readLoop().getResponseHeaders();

        assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo(POLICY);
        assertThat(headers.getFirst("RateLimit")).matches("\"operator\";r=\\d+;t=\\d+");
    }

    @Test
    void requestsOverTheLimitAreRateLimited() {
        EntityExchangeResult<Map> rejected = null;
        for (int i = 0; i <= LIMIT && rejected == null; i++) {
            EntityExchangeResult<Map> result = readLoop();
            if (result.getStatus().value() == 429) {
                rejected = result;
            }
        }

        assertThat(rejected)
                .as("a response with status 429 within %d requests", LIMIT + 1)
                .isNotNull();
        assertThat(rejected.getResponseBody()).containsEntry("code", "RATE_LIMITED");
        assertThat(rejected.getResponseBody().get("requestId")).isNotNull();
        HttpHeaders headers = rejected.getResponseHeaders();
        assertThat(Long.parseLong(headers.getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
        assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo(POLICY);
        assertThat(headers.getFirst("RateLimit"))
                .isEqualTo("\"operator\";r=0;t=" + headers.getFirst(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void unauthenticatedResponseHasNoRateLimitHeaders() {
        HttpHeaders headers = client.get()
                .uri("/api/loops/loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-the-operator-token")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .returnResult()
                .getResponseHeaders();

        assertThat(headers.containsKey("RateLimit")).isFalse();
        assertThat(headers.containsKey("RateLimit-Policy")).isFalse();
    }

    @Test
    void openPathsHaveNoRateLimitHeaders() {
        HttpHeaders headers = client.get()
                .uri("/actuator/health")
                .exchange()
                .expectBody()
                .returnResult()
                .getResponseHeaders();

        assertThat(headers.containsKey("RateLimit")).isFalse();
    }

    private EntityExchangeResult<Map> readLoop() {
        return client.get()
                .uri("/api/loops/loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .exchange()
                .expectBody(Map.class)
                .returnResult();
    }
}
