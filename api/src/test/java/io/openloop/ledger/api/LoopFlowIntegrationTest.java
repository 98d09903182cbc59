package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class LoopFlowIntegrationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, LoopFlowIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    @Test
    void registeredLoopIsReadBack() {
        Map<String, Object> created = register(
                        "{\"handle\": \"@Acme_Dev\", \"displayName\": \"Acme Dev\", \"plan\": \"pro\"}")
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists(HttpHeaders.LOCATION)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String loopId = (String) created.get("loopId");

        assertThat(loopId).startsWith("loop_");
        assertThat(created).containsEntry("handle", "@acme_dev");
        assertThat(created).containsEntry("kind", "developer");
        assertThat(created).containsEntry("plan", "pro");

        Map<String, Object> read = awaitLoop(loopId);
        assertThat(read).containsEntry("loopId", loopId);
        assertThat(read).containsEntry("handle", "@acme_dev");
        assertThat(read).containsEntry("displayName", "Acme Dev");
        assertThat(read).containsEntry("status", "active");
        assertThat(read).containsEntry("version", 0);
    }

    @Test
    void takenHandleInAnyCaseIsRejected() {
        register("{\"handle\": \"@taken_one\", \"displayName\": \"First\"}")
                .expectStatus()
                .isCreated();

        Map<String, Object> body = register("{\"handle\": \"@TAKEN_ONE\", \"displayName\": \"Second\"}")
                .expectStatus()
                .isEqualTo(409)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "HANDLE_TAKEN");
        assertThat(body).containsEntry("handle", "@taken_one");
    }

    @Test
    void businessLoopCanBeRegistered() {
        Map<String, Object> created = register(
                        "{\"handle\": \"@acme_business\", \"displayName\": \"Acme\", \"kind\": \"business\"}")
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(created).containsEntry("kind", "business");
        assertThat(created).containsEntry("plan", "free");
    }

    @Test
    void unknownLoopIsNotFound() {
        Map<String, Object> body = client.get()
                .uri("/api/loops/loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "NOT_FOUND");
    }

    private WebTestClient.ResponseSpec register(String json) {
        return client.post()
                .uri("/api/developer/loops")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange();
    }

    private Map<String, Object> awaitLoop(String loopId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> client.get()
                                .uri("/api/loops/" + loopId)
                                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                                .exchange()
                                .returnResult(Map.class)
                                .getResponseBody()
                                .blockFirst(),
                        body -> body.get("code") == null && loopId.equals(body.get("loopId")));
    }
}
