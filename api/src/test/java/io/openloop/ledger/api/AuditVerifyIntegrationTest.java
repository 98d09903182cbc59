package io.openloop.ledger.api;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.api.ApiCalls.Response;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Verifies the stored trail through {@code GET /api/audit/verify}, before and after the store is changed directly. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditVerifyIntegrationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, AuditVerifyIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MongoDatabase database;

    ApiCalls api;

    @BeforeEach
    void calls() {
        api = new ApiCalls(client);
    }

    @Test
    void operatorSeesChangedPayload() {
        Map<String, Object> loop = api.registerLoop("@audit_verified", "pro");
        String loopId = (String) loop.get("loopId");

        Response clean = api.get("/api/audit/verify", TestServers.OPERATOR_TOKEN);

        assertThat(clean.status()).as("%s", clean).isEqualTo(200);
        assertThat(clean.body()).containsEntry("clean", true);
        assertThat(clean.body().get("firstMismatch")).isNull();
        assertThat(clean.body()).containsKey("firstMismatch");
        assertThat(clean.body()).containsKey("digestedThrough");
        assertThat(number(clean, "fromPosition")).isZero();
        assertThat(number(clean, "eventsChecked")).isPositive();
        assertThat(number(clean, "headPosition")).isGreaterThanOrEqualTo(number(clean, "eventsChecked"));
        assertThat(clean.string("digest")).hasSize(64);

        StoredEntry registered =
                new StoredEventReader(database).readStream(loopId, 0, 1).get(0);
        changePayload(registered.position());

        Response tampered = api.get("/api/audit/verify", TestServers.OPERATOR_TOKEN);

        assertThat(tampered.status()).as("%s", tampered).isEqualTo(200);
        assertThat(tampered.body()).containsEntry("clean", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> finding = (Map<String, Object>) tampered.body().get("firstMismatch");
        assertThat(finding).containsEntry("kind", "HASH_MISMATCH");
        assertThat(((Number) finding.get("position")).longValue()).isEqualTo(registered.position());
        assertThat(finding).containsEntry("stream", loopId);
        assertThat(((Number) finding.get("sequence")).longValue()).isZero();
        assertThat(finding).containsEntry("eventId", registered.eventId());
        assertThat(number(tampered, "toPosition")).isEqualTo(registered.position());
        assertThat(tampered.body().get("digest")).isNull();
    }

    @Test
    void rangeReportsItsBounds() {
        api.registerLoop("@audit_ranged", "free");

        Response response = api.get("/api/audit/verify?fromPosition=1&toPosition=1", TestServers.OPERATOR_TOKEN);

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(number(response, "fromPosition")).isEqualTo(1);
        assertThat(number(response, "toPosition")).isEqualTo(1);
        assertThat(response.body().get("givenUpPositions")).isEqualTo(List.of());
    }

    @Test
    void keyWithoutAuditReadForbidden() {
        Map<String, Object> loop = api.registerLoop("@audit_no_scope", "pro");
        String loopId = (String) loop.get("loopId");
        Map<String, Object> key = api.issuedKey(loopId, ApiCalls.ownerSecret(loop), "sender", List.of("aap:send"), "");

        Response response = api.get("/api/audit/verify", (String) key.get("secret"));

        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.code()).isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(response.string("requiredScope")).isEqualTo("audit:read");
    }

    @Test
    void loopKeyVerifiesOnlyItsOwnStreams() {
        Map<String, Object> loop = api.registerLoop("@audit_loop_key", "pro");
        String loopId = (String) loop.get("loopId");
        String auditor =
                (String) api.issuedKey(loopId, ApiCalls.ownerSecret(loop), "auditor", List.of("audit:read"), "")
                        .get("secret");
        Map<String, Object> other = api.registerLoop("@audit_other_loop", "pro");
        String otherId = (String) other.get("loopId");
        String otherAuditor =
                (String) api.issuedKey(otherId, ApiCalls.ownerSecret(other), "auditor", List.of("audit:read"), "")
                        .get("secret");

        Response clean = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/audit/verify", auditor),
                        response -> response.status() == 200 && number(response, "streamsChecked") >= 1);

        assertThat(clean.body()).containsEntry("clean", true);
        assertThat(clean.body().get("digest")).isNull();

        StoredEntry registered =
                new StoredEventReader(database).readStream(loopId, 0, 1).get(0);
        changePayload(registered.position(), "@audit_loop_key", "@audit_loop_kez");

        Response tampered = api.get("/api/audit/verify", auditor);

        assertThat(tampered.status()).as("%s", tampered).isEqualTo(200);
        assertThat(tampered.body()).containsEntry("clean", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> finding = (Map<String, Object>) tampered.body().get("firstMismatch");
        assertThat(finding).containsEntry("kind", "HASH_MISMATCH");
        assertThat(finding).containsEntry("stream", loopId);

        Response untouched = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/audit/verify", otherAuditor),
                        response -> response.status() == 200 && number(response, "streamsChecked") >= 1);
        assertThat(untouched.body())
                .as("another loop's streams are not its own")
                .containsEntry("clean", true);

        Response foreign = api.get("/api/audit/verify?loopId=" + otherId, auditor);
        assertThat(foreign.status()).as("%s", foreign).isEqualTo(404);

        Response ranged = api.get("/api/audit/verify?fromPosition=0", auditor);
        assertThat(ranged.status()).as("%s", ranged).isEqualTo(400);
        assertThat(ranged.body().get("fields").toString()).contains("fromPosition");

        Response byOperator = api.get("/api/audit/verify?loopId=" + loopId, TestServers.OPERATOR_TOKEN);
        assertThat(byOperator.body()).as("%s", byOperator).containsEntry("clean", false);
    }

    @Test
    void invalidRangesRejected() {
        for (String query : List.of(
                "fromPosition=-1",
                "fromPosition=10&toPosition=9",
                "fromPosition=abc",
                "toPosition=1000000",
                "fromPosition=5&toPosition=1000005")) {
            Response response = api.get("/api/audit/verify?" + query, TestServers.OPERATOR_TOKEN);

            assertThat(response.status()).as("%s: %s", query, response).isEqualTo(400);
            assertThat(response.code()).as("%s: %s", query, response).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void widestRangeAccepted() {
        Response response = api.get("/api/audit/verify?fromPosition=5&toPosition=1000004", TestServers.OPERATOR_TOKEN);

        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    private void changePayload(long position) {
        changePayload(position, "@audit_verified", "@audit_verifiee");
    }

    private void changePayload(long position, String from, String to) {
        Document commit =
                database.getCollection("events").find(eq("pos", position)).first();
        assertThat(commit).as("commit at position %d", position).isNotNull();
        for (Document event : commit.getList("events", Document.class)) {
            if (((Number) event.get("pos")).longValue() == position) {
                event.put("payload", event.getString("payload").replace(from, to));
            }
        }
        database.getCollection("events").replaceOne(eq("_id", commit.get("_id")), commit);
    }

    private static long number(Response response, String field) {
        return ((Number) response.body().get(field)).longValue();
    }
}
