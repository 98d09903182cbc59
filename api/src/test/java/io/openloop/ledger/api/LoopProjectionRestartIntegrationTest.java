package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Restarts the server on the same data directory after the loop projection wrote its read model but before its
 * token was stored, which is what a crash between those two writes leaves behind.
 */
class LoopProjectionRestartIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void redeliveredEventsLeaveTheReadModelUnchanged() {
        String firstLoop;
        Document before;
        try (ConfigurableApplicationContext server = start()) {
            WebTestClient client = clientFor(server);
            firstLoop = register(client, "@before_restart");
            before = awaitReadModel(server, firstLoop);

            server.getBean(org.axonframework.config.EventProcessingConfiguration.class)
                    .eventProcessor("loops")
                    .orElseThrow()
                    .shutDown();
            forgetTokens(server.getBean(MongoDatabase.class));
        }

        try (ConfigurableApplicationContext server = start()) {
            WebTestClient client = clientFor(server);
            String secondLoop = register(client, "@after_restart");
            awaitReadModel(server, secondLoop);

            MongoDatabase database = server.getBean(MongoDatabase.class);
            Document after = database.getCollection("loops")
                    .find(Filters.eq("_id", firstLoop))
                    .first();
            assertThat(after).isEqualTo(before);
            assertThat(database.getCollection("loops").countDocuments()).isEqualTo(2);
        }
    }

    private ConfigurableApplicationContext start() {
        System.out.println(
                "[store] LoopProjectionRestartIntegrationTest runs on the embedded mongo-java-server store in "
                        + dataDir);
        // Command-line arguments outrank application.yml, which reads the same keys from the environment.
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run(
                        "--openloop.data.dir=" + dataDir,
                        "--openloop.mongo.uri=",
                        "--openloop.admin.token=" + TestServers.OPERATOR_TOKEN,
                        "--server.port=0");
    }

    private static WebTestClient clientFor(ConfigurableApplicationContext server) {
        String port = server.getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    private static String register(WebTestClient client, String handle) {
        Map<String, Object> body = client.post()
                .uri("/api/developer/loops")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", handle, "displayName", "Restart"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) body.get("loopId");
    }

    private static Document awaitReadModel(ConfigurableApplicationContext server, String loopId) {
        MongoDatabase database = server.getBean(MongoDatabase.class);
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> database.getCollection("loops")
                                .find(Filters.eq("_id", loopId))
                                .first(),
                        document -> document != null);
    }

    /** Deletes the processor's tokens, so that after restart it reads every event again from the start. */
    private static void forgetTokens(MongoDatabase database) {
        List<String> ids = new ArrayList<>();
        for (int segment = 0; segment < 8; segment++) {
            ids.add("loops/" + segment);
        }
        long deleted = database.getCollection("tokens")
                .deleteMany(Filters.in("_id", ids))
                .getDeletedCount();
        assertThat(deleted).isPositive();
    }
}
