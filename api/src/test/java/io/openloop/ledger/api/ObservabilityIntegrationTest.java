package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Health, readiness, Prometheus metrics and log ids of a running server, read through HTTP. */
// Spring Boot's tests turn metrics export off unless asked, and /actuator/prometheus is then not found.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObservabilityIntegrationTest {

    /** A processor that no route waits for, so requests still succeed while it is stopped. */
    private static final String LAGGING_GROUP = "audit-streams";

    private static final String COMMAND_LOGGER = "io.openloop.ledger.api.observability.CommandMetrics";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, ObservabilityIntegrationTest.class);
        registry.add("openloop.metrics.lag-interval", () -> "PT0.2S");
    }

    @Autowired
    WebTestClient client;

    @Autowired
    ApplicationContext context;

    @Autowired
    EventProcessingConfiguration processing;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureCommandLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(COMMAND_LOGGER)).addAppender(logs);
    }

    @AfterEach
    void releaseCommandLogs() {
        ((Logger) LoggerFactory.getLogger(COMMAND_LOGGER)).detachAppender(logs);
    }

    @Test
    void readinessUpWithStoreAndProcessors() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> client.get()
                        .uri("/actuator/health/readiness")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("UP")
                        .jsonPath("$.components.store.status")
                        .isEqualTo("UP")
                        .jsonPath("$.components.store.details.kind")
                        .isEqualTo("embedded")
                        .jsonPath("$.components.processors.status")
                        .isEqualTo("UP")
                        .jsonPath("$.components.processors.details.loops.running")
                        .isEqualTo(true));
    }

    @Test
    void livenessUp() {
        client.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void healthRevealsNoSecretsOrPaths() {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
            String health = client.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(health).as(path).doesNotContain("mongodb://");
            assertThat(health).as(path).doesNotContain(TestServers.OPERATOR_TOKEN);
            assertThat(health).as(path).doesNotContain(dataDir.toString());
        }
    }

    @Test
    void stoppedProcessorShowsLagAndUnreadiness() {
        EventProcessor auditStreams = processing.eventProcessor(LAGGING_GROUP).orElseThrow();
        auditStreams.shutDown();
        try {
            register("@lagging_dev", "observe-request-0006", 201);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String metrics = prometheus();
                assertThat(gauge(metrics, "ledger_processor_lag_events", LAGGING_GROUP))
                        .isGreaterThan(0);
                assertThat(gauge(metrics, "ledger_processor_lag_seconds", LAGGING_GROUP))
                        .isGreaterThanOrEqualTo(0);
            });
            client.get()
                    .uri("/actuator/health/readiness")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.components.processors.status")
                    .isEqualTo("DOWN")
                    .jsonPath("$.components.processors.details." + LAGGING_GROUP + ".running")
                    .isEqualTo(false);
        } finally {
            auditStreams.start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(gauge(prometheus(), "ledger_processor_lag_events", LAGGING_GROUP))
                    .isZero();
            client.get()
                    .uri("/actuator/health/readiness")
                    .exchange()
                    .expectStatus()
                    .isOk();
        });
    }

    @Test
    void commandEventAndLagMetricsAppear() {
        Map<String, Object> loop = register("@metrics_dev", "observe-request-0001", 201);
        register("@metrics_dev", "observe-request-0002", 409);
        client.get()
                .uri("/api/loops/" + loop.get("loopId"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .exchange()
                .expectStatus()
                .isOk();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = prometheus();
            assertThat(metrics)
                    .contains("ledger_commands_seconds_count{command=\"RegisterLoopCommand\",outcome=\"success\"}");
            assertThat(metrics)
                    .contains(
                            "ledger_commands_seconds_count{command=\"RegisterLoopCommand\",outcome=\"HANDLE_TAKEN\"}");
            assertThat(metrics)
                    .contains("ledger_events_appended_total{aggregate=\"Loop\",event=\"LoopRegisteredEvent\"}");
            assertThat(metrics).contains("ledger_processor_lag_events{processing_group=\"loops\"}");
            assertThat(metrics).contains("ledger_processor_lag_seconds{processing_group=\"loops\"}");
        });
    }

    @Test
    void httpLatencyTaggedWithRouteTemplate() {
        Map<String, Object> loop = register("@latency_dev", "observe-request-0003", 201);
        client.get()
                .uri("/api/loops/" + loop.get("loopId"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .exchange()
                .expectStatus()
                .isOk();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = prometheus();
            assertThat(metrics).contains("uri=\"/api/loops/{loopId}\"");
            assertThat(metrics).contains("http_server_requests_seconds_bucket{");
            assertThat(metrics).doesNotContain("uri=\"/api/loops/" + loop.get("loopId"));
        });
    }

    @Test
    void rejectedCommandLogsRequestAndCorrelationIds() {
        register("@logged_dev", "observe-request-0004", 201);
        register("@logged_dev", "observe-request-0005", 409);

        List<ILoggingEvent> rejections = logs.list.stream()
                .filter(event -> event.getFormattedMessage().contains("rejected with HANDLE_TAKEN"))
                .toList();

        assertThat(rejections).hasSize(1);
        Map<String, String> mdc = rejections.get(0).getMDCPropertyMap();
        assertThat(mdc).containsEntry("requestId", "observe-request-0005");
        assertThat(mdc).containsEntry("correlationId", "observe-request-0005");
    }

    @Test
    void prometheusNeedsLoopbackOrOperatorToken() {
        // Bound to the application context, requests carry no remote address, so they do not count as loopback.
        WebTestClient remote = WebTestClient.bindToApplicationContext(context).build();

        remote.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        remote.get().uri("/actuator").exchange().expectStatus().isUnauthorized();
        remote.get()
                .uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .exchange()
                .expectStatus()
                .isOk();
        remote.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        remote.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    /** Returns the value of {@code name} for {@code group} in a Prometheus text exposition, failing when absent. */
    private static double gauge(String metrics, String name, String group) {
        String prefix = name + "{processing_group=\"" + group + "\"} ";
        return metrics.lines()
                .filter(line -> line.startsWith(prefix))
                .map(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst()
                .orElseThrow(() -> new AssertionError(prefix + "is not in the metrics"));
    }

    private String prometheus() {
        return client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> register(String handle, String requestId, int expectedStatus) {
        return client.post()
                .uri("/api/developer/loops")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"handle\": \"" + handle + "\", \"displayName\": \"Metrics Dev\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(expectedStatus)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }
}
