package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class IdempotencyIntegrationTest {

    static final String KEY_HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotency-Replayed";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, IdempotencyIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MongoDatabase database;

    @Autowired
    FlakyRoute flakyRoute;

    @Test
    void retryReplaysFirstResponseWithoutExecutingAgain() {
        String key = newKey();
        String body = registration("@replay_once");

        EntityExchangeResult<byte[]> first = register(key, body);
        EntityExchangeResult<byte[]> second = register(key, body);

        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(first.getResponseHeaders().getFirst(REPLAYED_HEADER)).isNull();
        assertThat(second.getStatus().value()).isEqualTo(201);
        assertThat(second.getResponseHeaders().getFirst(REPLAYED_HEADER)).isEqualTo("true");
        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(second.getResponseHeaders().getLocation())
                .isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(second.getResponseHeaders().getContentType())
                .isEqualTo(first.getResponseHeaders().getContentType());
        awaitLoopsWithHandle("@replay_once", 1);
    }

    @Test
    void sameKeyWithDifferentBodyIsKeyReused() {
        String key = newKey();
        register(key, registration("@reused_first"));

        EntityExchangeResult<byte[]> second = register(key, registration("@reused_second"));

        assertThat(second.getStatus().value()).isEqualTo(422);
        assertThat(json(second)).containsEntry("code", "IDEMPOTENCY_KEY_REUSED");
        assertThat(second.getResponseHeaders().getFirst(REPLAYED_HEADER)).isNull();
    }

    @Test
    void sameKeyWithDifferentQueryIsKeyReused() {
        String key = newKey();
        String body = registration("@reused_path");
        register(key, body);

        EntityExchangeResult<byte[]> other = client.post()
                .uri("/api/developer/loops?dryRun=true")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .header(KEY_HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectBody()
                .returnResult();

        assertThat(other.getStatus().value()).isEqualTo(422);
        assertThat(json(other)).containsEntry("code", "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void rejectedRequestReplaysItsError() {
        register(null, registration("@taken_before")).getStatus();
        String key = newKey();
        String body = registration("@TAKEN_BEFORE");

        EntityExchangeResult<byte[]> first = register(key, body);
        EntityExchangeResult<byte[]> second = register(key, body);

        assertThat(first.getStatus().value()).isEqualTo(409);
        assertThat(second.getStatus().value()).isEqualTo(409);
        assertThat(second.getResponseHeaders().getFirst(REPLAYED_HEADER)).isEqualTo("true");
        assertThat(json(second)).containsEntry("code", "HANDLE_TAKEN");
        assertThat(json(second).get("requestId")).isEqualTo(json(first).get("requestId"));
    }

    @Test
    void invalidRequestLeavesKeyFreeForCorrectedRetry() {
        String key = newKey();

        EntityExchangeResult<byte[]> invalid = register(key, registration("@bad handle"));
        EntityExchangeResult<byte[]> corrected = register(key, registration("@corrected_retry"));

        assertThat(invalid.getStatus().value()).isEqualTo(400);
        assertThat(corrected.getStatus().value()).isEqualTo(201);
        assertThat(corrected.getResponseHeaders().getFirst(REPLAYED_HEADER)).isNull();
    }

    @Test
    void concurrentDuplicatesExecuteOnce() throws Exception {
        String key = newKey();
        String body = registration("@concurrent_once");
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<EntityExchangeResult<byte[]>>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return register(key, body);
                }));
            }
            start.countDown();

            List<EntityExchangeResult<byte[]>> results = new ArrayList<>();
            for (Future<EntityExchangeResult<byte[]>> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }

            String loopId = (String) json(results.get(0)).get("loopId");
            assertThat(loopId).startsWith("loop_");
            for (EntityExchangeResult<byte[]> result : results) {
                assertThat(result.getStatus().value()).isEqualTo(201);
                assertThat(json(result)).containsEntry("loopId", loopId);
            }
            long executed = results.stream()
                    .filter(result -> result.getResponseHeaders().getFirst(REPLAYED_HEADER) == null)
                    .count();
            assertThat(executed).isEqualTo(1);
            awaitLoopsWithHandle("@concurrent_once", 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void serverErrorIsNotStoredSoRetryExecutes() {
        String key = newKey();

        EntityExchangeResult<byte[]> failed = postFlaky(key);
        EntityExchangeResult<byte[]> retried = postFlaky(key);
        EntityExchangeResult<byte[]> replayed = postFlaky(key);

        assertThat(failed.getStatus().value()).isEqualTo(500);
        assertThat(json(failed)).containsEntry("code", "INTERNAL_ERROR");
        assertThat(retried.getStatus().value()).isEqualTo(201);
        assertThat(retried.getResponseHeaders().getFirst(REPLAYED_HEADER)).isNull();
        assertThat(replayed.getStatus().value()).isEqualTo(201);
        assertThat(replayed.getResponseHeaders().getFirst(REPLAYED_HEADER)).isEqualTo("true");
        assertThat(flakyRoute.calls.get()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "caf\u00e9", "tab\tinside"})
    void invalidKeyIsValidationFailed(String key) {
        EntityExchangeResult<byte[]> result = register(key, registration("@invalid_key"));

        assertThat(result.getStatus().value()).isEqualTo(400);
        assertThat(json(result)).containsEntry("code", "VALIDATION_FAILED");
        assertThat((Map<String, Object>) json(result).get("fields")).containsKey(KEY_HEADER);
    }

    @Test
    void keyLongerThan255IsValidationFailed() {
        EntityExchangeResult<byte[]> result = register("k".repeat(256), registration("@long_key"));

        assertThat(result.getStatus().value()).isEqualTo(400);
        assertThat((Map<String, Object>) json(result).get("fields")).containsKey(KEY_HEADER);
    }

    @Test
    void keyOf255CharactersIsAccepted() {
        EntityExchangeResult<byte[]> result = register("k".repeat(255), registration("@max_key"));

        assertThat(result.getStatus().value()).isEqualTo(201);
    }

    private EntityExchangeResult<byte[]> register(String key, String json) {
        WebTestClient.RequestBodySpec request = client.post()
                .uri("/api/developer/loops")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request.header(KEY_HEADER, key);
        }
        return request.bodyValue(json).exchange().expectBody().returnResult();
    }

    private EntityExchangeResult<byte[]> postFlaky(String key) {
        return client.post()
                .uri(FlakyRoute.PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .header(KEY_HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectBody()
                .returnResult();
    }

    private void awaitLoopsWithHandle(String handle, long expected) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> database.getCollection("loops").countDocuments(Filters.eq("handle", handle)) == expected);
    }

    private static String registration(String handle) {
        return "{\"handle\": \"" + handle + "\", \"displayName\": \"Idempotency test\"}";
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    private static Map<String, Object> json(EntityExchangeResult<byte[]> result) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(result.getResponseBody(), Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("response body is not JSON", e);
        }
    }

    @TestConfiguration
    static class FlakyRouteConfiguration {

        @Bean
        FlakyRoute flakyRoute() {
            return new FlakyRoute();
        }
    }

    /** A route that fails with a server error on its first call and succeeds on every later one. */
    @RestController
    static class FlakyRoute {

        static final String PATH = "/api/test/flaky";

        final AtomicInteger calls = new AtomicInteger();

        @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
        ResponseEntity<Map<String, Object>> post() {
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new IllegalStateException("first call fails on purpose");
            }
            return ResponseEntity.status(201).body(Map.of("call", call));
        }
    }
}
