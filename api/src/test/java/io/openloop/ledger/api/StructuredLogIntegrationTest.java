package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With JSON logs switched on, a line logged while a command is handled carries its request and correlation ids. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.structured.format.console=ecs")
class StructuredLogIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, StructuredLogIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    /**
     * Marks logging as not configured, so that this suite's context configures it with JSON lines. Spring Boot
     * configures logging once per JVM while a context that configured it is open, and earlier suites' contexts stay
     * open in the test context cache.
     */
    @BeforeAll
    static void letContextConfigureLogging() {
        LoggingSystem.get(StructuredLogIntegrationTest.class.getClassLoader()).cleanUp();
    }

    /** Lets the next suite's context configure logging again, with plain text lines. */
    @AfterAll
    static void letNextContextConfigureLogging() {
        LoggingSystem.get(StructuredLogIntegrationTest.class.getClassLoader()).cleanUp();
    }

    @Test
    void rejectedCommandLogsJsonWithIds(CapturedOutput output) throws Exception {
        register("observe-json-0001", 201);
        register("observe-json-0002", 409);

        List<String> rejections = output.getOut()
                .lines()
                .filter(line -> line.contains("rejected with HANDLE_TAKEN"))
                .toList();

        assertThat(rejections).hasSize(1);
        JsonNode line = JSON.readTree(rejections.get(0));
        assertThat(line.path("log").path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("requestId").asText()).isEqualTo("observe-json-0002");
        assertThat(line.path("correlationId").asText()).isEqualTo("observe-json-0002");
        assertThat(line.path("service").path("name").asText()).isEqualTo("openloop-ledger");
    }

    private void register(String requestId, int expectedStatus) {
        client.post()
                .uri("/api/developer/loops")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"handle\": \"@json_logs_dev\", \"displayName\": \"Json Logs Dev\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(expectedStatus);
    }
}
