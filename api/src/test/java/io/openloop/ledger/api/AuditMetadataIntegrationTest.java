package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every stored event names who caused it, in which request, and the message that caused it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditMetadataIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, AuditMetadataIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MongoDatabase database;

    @Test
    void operatorRegistrationRecordsOperatorAndRequest() throws Exception {
        Map<String, Object> loop = register("audit-request-0001");
        String loopId = (String) loop.get("loopId");

        List<Map<String, Object>> metadata = eventMetadata(loopId);

        assertThat(metadata).hasSize(2);
        for (Map<String, Object> meta : metadata) {
            assertThat(meta).containsEntry("actorType", "operator");
            assertThat(meta).containsEntry("requestId", "audit-request-0001");
            assertThat(meta).containsEntry("correlationId", "audit-request-0001");
            assertThat(meta.get("causationId")).isNotNull();
            assertThat(meta).doesNotContainKey("actorKeyId");
        }
    }

    @Test
    void keyIssuedByOwnerRecordsLoopAndKey() throws Exception {
        Map<String, Object> loop = register("audit-request-0002");
        String loopId = (String) loop.get("loopId");
        @SuppressWarnings("unchecked")
        Map<String, Object> ownerKey = (Map<String, Object>) loop.get("ownerKey");

        client.post()
                .uri("/api/loops/" + loopId + "/keys")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ownerKey.get("secret"))
                .header("X-Request-Id", "audit-request-0003")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"agent\", \"scopes\": [\"aap:send\"]}")
                .exchange()
                .expectStatus()
                .isCreated();

        List<Map<String, Object>> metadata = eventMetadata(loopId);
        Map<String, Object> issued = metadata.get(metadata.size() - 1);

        assertThat(issued).containsEntry("actorType", "key");
        assertThat(issued).containsEntry("actorLoopId", loopId);
        assertThat(issued).containsEntry("actorKeyId", ownerKey.get("keyId"));
        assertThat(issued).containsEntry("requestId", "audit-request-0003");
        assertThat(issued).containsEntry("correlationId", "audit-request-0003");
    }

    private Map<String, Object> register(String requestId) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = client.post()
                .uri("/api/developer/loops")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"handle\": \"@audit_" + requestId.substring(requestId.length() - 4)
                        + "\", \"displayName\": \"Audit\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return body;
    }

    /** Returns the metadata of the loop's events in sequence order, read from the stored commits. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> eventMetadata(String loopId) throws Exception {
        List<String> keys = java.util.stream.IntStream.range(0, 20)
                .mapToObj(sequence -> loopId + ":" + sequence)
                .toList();
        // The in-process store returns a commit once per matching key, so commits are collected by position.
        java.util.TreeMap<Long, Document> commits = new java.util.TreeMap<>();
        for (Document commit : database.getCollection("events").find(Filters.in("keys", keys))) {
            commits.put(commit.get("_id", Number.class).longValue(), commit);
        }
        List<Map<String, Object>> metadata = new java.util.ArrayList<>();
        for (Document commit : commits.values()) {
            for (Document event : commit.getList("events", Document.class)) {
                metadata.add(JSON.readValue(event.getString("meta"), Map.class));
            }
        }
        return metadata;
    }
}
