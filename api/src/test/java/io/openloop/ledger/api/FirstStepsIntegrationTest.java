package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.api.ApiCalls.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A new user's first steps, each request sent as soon as the previous one returned. The operator creates a developer
 * loop and its owner issues a narrower key. That key is rejected on a route it lacks the scope for, and once revoked
 * it is rejected on every route.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FirstStepsIntegrationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, FirstStepsIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    @Test
    @SuppressWarnings("unchecked")
    void newDeveloperIssuesUsesAndRevokesKey() {
        ApiCalls api = new ApiCalls(client);

        Map<String, Object> loop = api.registerLoop("@first_steps", "free");
        String loopId = (String) loop.get("loopId");
        Map<String, Object> ownerKey = (Map<String, Object>) loop.get("ownerKey");
        String ownerSecret = (String) ownerKey.get("secret");
        assertThat(ownerSecret).startsWith("lk_live_");
        assertThat((Boolean) ownerKey.get("owner")).isTrue();

        Response readBack = api.get("/api/loops/" + loopId, ownerSecret);
        assertThat(readBack.status()).as("%s", readBack).isEqualTo(200);
        assertThat(readBack.string("loopId")).isEqualTo(loopId);
        assertThat(String.valueOf(readBack.json())).doesNotContain(ownerSecret);
        assertThat(String.valueOf(readBack.json())).doesNotContain("secret");
        Response readByOperator = api.get("/api/loops/" + loopId, TestServers.OPERATOR_TOKEN);
        assertThat(String.valueOf(readByOperator.json())).doesNotContain(ownerSecret);
        assertThat(String.valueOf(readByOperator.json())).doesNotContain("secret");

        Response issued =
                api.issueKey(loopId, ownerSecret, "agent runtime", List.of("aap:send", "policy:evaluate"), "");
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        assertThat(issued.strings("scopes")).containsExactlyInAnyOrder("aap:send", "policy:evaluate");
        String keyId = issued.string("keyId");
        String keySecret = issued.string("secret");
        assertThat(keySecret).startsWith("lk_live_");

        // The issue response waits until the key authenticates, but the listing's read model may follow a moment later.
        Response listing = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get("/api/loops/" + loopId + "/keys", ownerSecret),
                        response -> response.list().stream().anyMatch(key -> keyId.equals(key.get("keyId"))));
        assertThat(listing.status()).as("%s", listing).isEqualTo(200);
        assertThat(String.valueOf(listing.json())).doesNotContain(keySecret);
        assertThat(String.valueOf(listing.json())).doesNotContain(ownerSecret);

        Response denied = api.get("/api/loops/" + loopId + "/keys", keySecret);
        assertThat(denied.status()).as("%s", denied).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(denied.string("requiredScope")).isEqualTo("loops:manage");

        Response revoked = api.revokeKey(loopId, keyId, ownerSecret);
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);

        Response rejected = api.get("/api/loops/" + loopId, keySecret);
        assertThat(rejected.status()).as("%s", rejected).isEqualTo(401);
        assertThat(rejected.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(rejected.string("message")).contains("revoked");
    }
}
