package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.api.ApiCalls.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A task completes while its settlement has not run: the server stops after the price was held and the completion
 * recorded, before the hold is captured. After the restart the settlement resumes from its stored position, and the
 * price moves exactly once.
 */
class TaskSettlementRestartIntegrationTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dataDir;

    @Test
    void taskCompletedBeforeStopSettlesOnceAfterStart() {
        String agentLoop;
        String agentSecret;
        String businessLoop;
        String businessSecret;
        String taskId;
        try (ConfigurableApplicationContext server = start()) {
            ApiCalls api = new ApiCalls(clientFor(server));
            Map<String, Object> agent = api.registerLoop("@restart_agent", "pro", "developer");
            Map<String, Object> business = api.registerLoop("@restart_business", "pro", "business");
            agentLoop = (String) agent.get("loopId");
            agentSecret = ApiCalls.ownerSecret(agent);
            businessLoop = (String) business.get("loopId");
            businessSecret = ApiCalls.ownerSecret(business);
            api.verifyBusiness(businessLoop, businessSecret);

            taskId = send(
                            api,
                            agentSecret,
                            "{\"type\": \"TASK_REQUEST\", \"to\": \"@restart_business\","
                                    + " \"task\": \"quote_request\", \"inputs\": {\"city\": \"Atlanta\"}}")
                    .string("taskId");
            send(api, businessSecret, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 120}");
            send(api, agentSecret, "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\"}");

            // Stop the settlement and the transfers it relies on, so the completion is recorded and nothing after it.
            EventProcessingConfiguration processing = server.getBean(EventProcessingConfiguration.class);
            processing.eventProcessor("task-settlement").ifPresent(EventProcessor::shutDown);
            processing.eventProcessor("credit-transfers").ifPresent(EventProcessor::shutDown);
            Response completed = send(
                    api,
                    businessSecret,
                    "{\"type\": \"TASK_COMPLETE\", \"taskId\": \"" + taskId + "\", \"proofs\": [{\"kind\":"
                            + " \"document\", \"uri\": \"https://example.org/q.pdf\", \"sha256\": \"" + SHA
                            + "\", \"capturedAt\": \"" + Instant.now() + "\"}]}");
            assertThat(completed.string("state")).isEqualTo("COMPLETED");
            assertThat(account(api, agentLoop, agentSecret).body().get("held")).isEqualTo(120);
        }

        try (ConfigurableApplicationContext server = start()) {
            ApiCalls api = new ApiCalls(clientFor(server));
            String path = "/api/tasks/" + taskId;
            Response settled = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> api.get(path, agentSecret), task -> "SETTLED".equals(task.string("state")));
            assertThat(settled.body().get("settled")).isEqualTo(true);

            Response agentAccount = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> account(api, agentLoop, agentSecret),
                            a -> Integer.valueOf(0).equals(a.body().get("held")));
            assertThat(agentAccount.body().get("balance")).isEqualTo(9_880);
            Response businessAccount = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> account(api, businessLoop, businessSecret),
                            a -> Integer.valueOf(10_120).equals(a.body().get("balance")));
            assertThat(businessAccount.body().get("available")).isEqualTo(10_120);

            // Replays of the settlement must not move the price again: give it time, then read once more.
            Response later = Awaitility.await()
                    .pollDelay(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> account(api, businessLoop, businessSecret), a -> a.status() == 200);
            assertThat(later.body().get("balance")).isEqualTo(10_120);
            Response entries = api.get("/api/loops/" + businessLoop + "/credits/entries", businessSecret);
            assertThat(receiptsOf(entries)).isEqualTo(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static long receiptsOf(Response entries) {
        List<Map<String, Object>> items =
                (List<Map<String, Object>>) entries.body().get("items");
        return items.stream()
                .filter(entry -> Integer.valueOf(120).equals(entry.get("amount")))
                .count();
    }

    private ConfigurableApplicationContext start() {
        System.out.println(
                "[store] TaskSettlementRestartIntegrationTest runs on the embedded mongo-java-server store in "
                        + dataDir);
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run(
                        "--openloop.data.dir=" + dataDir,
                        "--openloop.mongo.uri=",
                        "--openloop.admin.token=" + TestServers.OPERATOR_TOKEN,
                        "--server.shutdown=immediate",
                        "--server.port=0");
    }

    private static WebTestClient clientFor(ConfigurableApplicationContext server) {
        String port = server.getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static Response send(ApiCalls api, String secret, String message) {
        Response response = api.send(HttpMethod.POST, "/api/aap/messages", secret, message);
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response;
    }

    private static Response account(ApiCalls api, String loopId, String secret) {
        return api.get("/api/loops/" + loopId + "/credits", secret);
    }
}
