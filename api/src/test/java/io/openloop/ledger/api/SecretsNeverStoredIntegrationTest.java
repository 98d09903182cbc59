package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.api.ApiCalls.Response;
import io.openloop.ledger.api.security.KeySecrets;
import io.openloop.ledger.projection.loop.LoopReadModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Key secrets are shown once and kept nowhere: not in any document of the database, not in any file of the data
 * directory, and not in the log, with the ledger's and Spring's web logging at DEBUG. The stored hash is keyed, so it
 * cannot be checked against a guessed secret without the server's key secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverStoredIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(SecretsNeverStoredIntegrationTest.class);

    /** The secret's mode prefix plus the characters the server keeps as the key's visible prefix. */
    private static final int VISIBLE_LENGTH = "lk_live_".length() + 6;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, SecretsNeverStoredIntegrationTest.class);
        registry.add("logging.level.io.openloop.ledger", () -> "DEBUG");
        registry.add("logging.level.org.springframework.web", () -> "DEBUG");
        registry.add("logging.level.org.springframework.http", () -> "DEBUG");
    }

    @Autowired
    WebTestClient client;

    @Autowired
    MongoDatabase database;

    @Autowired
    KeySecrets keySecrets;

    @Test
    void scansFindPlantedSecret(CapturedOutput output) throws IOException {
        String planted = "lk_live_" + randomBody();
        MongoCollection<Document> probe = database.getCollection("secret_scan_probe");
        probe.insertOne(new Document("_id", "probe").append("note", "planted " + planted));
        log.info("Planted probe {}", planted);

        try {
            assertThat(findInDatabase(List.of(planted))).as("database scan").isNotEmpty();
            assertThat(findInFiles(List.of(planted))).as("data directory scan").isNotEmpty();
            assertThat(findInLog(output, List.of(planted))).as("log scan").isNotEmpty();
            assertThat(findInDatabase(List.of(hiddenPart(planted))))
                    .as("database scan for the hidden part")
                    .isNotEmpty();
        } finally {
            probe.drop();
        }
    }

    @Test
    void noSecretIsStoredOrLogged(CapturedOutput output) throws IOException {
        ApiCalls api = new ApiCalls(client);
        Map<String, Object> loop = api.registerLoop("@secret_keeper", "pro");
        String loopId = (String) loop.get("loopId");
        String ownerSecret = ApiCalls.ownerSecret(loop);

        Map<String, Object> rotated = api.issuedKey(loopId, ownerSecret, "to rotate", List.of("aap:send"), "");
        Map<String, Object> revoked =
                api.issuedKey(loopId, ownerSecret, "to revoke", List.of("aap:read"), ", \"mode\": \"test\"");
        Map<String, Object> kept =
                api.issuedKey(loopId, ownerSecret, "kept", List.of("policy:evaluate"), ", \"mode\": \"test\"");
        assertThat((String) revoked.get("secret")).startsWith("lk_test_");

        Response rotation = api.send(
                HttpMethod.POST,
                "/api/loops/" + loopId + "/keys/" + rotated.get("keyId") + "/rotation",
                ownerSecret,
                "{\"name\": \"rotated\"}");
        assertThat(rotation.status()).as("rotation: %s", rotation).isEqualTo(201);
        Response revocation = api.revokeKey(loopId, (String) revoked.get("keyId"), ownerSecret);
        assertThat(revocation.status()).as("revocation: %s", revocation).isEqualTo(204);

        String idempotent = issueTwiceWithIdempotencyKey(loopId, ownerSecret);

        Map<String, String> live = new LinkedHashMap<>();
        live.put("owner", ownerSecret);
        live.put("issued with an idempotency key", idempotent);
        live.put("rotation replacement", rotation.string("secret"));
        live.put("kept", (String) kept.get("secret"));
        for (Map.Entry<String, String> key : live.entrySet()) {
            Response use = api.get("/api/loops/" + loopId, key.getValue());
            assertThat(use.status())
                    .as("request with the %s key: %s", key.getKey(), use)
                    .isEqualTo(200);
        }
        Map<String, String> retired = Map.of(
                "rotated", (String) rotated.get("secret"),
                "revoked", (String) revoked.get("secret"));
        for (Map.Entry<String, String> key : retired.entrySet()) {
            Response use = api.get("/api/loops/" + loopId, key.getValue());
            assertThat(use.status())
                    .as("request with the %s key: %s", key.getKey(), use)
                    .isEqualTo(401);
        }

        List<String> needles = new ArrayList<>();
        Stream.concat(live.values().stream(), retired.values().stream()).forEach(secret -> {
            needles.add(secret);
            needles.add(hiddenPart(secret));
        });
        needles.add(TestServers.OPERATOR_TOKEN);

        assertThat(findInDatabase(needles)).as("documents holding a secret").isEmpty();
        assertThat(findInFiles(needles)).as("data files holding a secret").isEmpty();
        assertThat(findInLog(output, needles)).as("secrets in the log").isEmpty();

        Document ownerKey = database.getCollection(LoopReadModels.API_KEYS)
                .find(Filters.eq("_id", ApiCalls.ownerKeyId(loop)))
                .first();
        assertThat(ownerKey).as("owner key read model").isNotNull();
        assertThat(ownerKey.getString("hash")).isEqualTo(keySecrets.hash(ownerSecret));
        assertThat(ownerKey.getString("hash")).isNotEqualTo(sha256Hex(ownerSecret));
    }

    /** Issues a key with an idempotency key, retries it, and returns the secret both responses carried. */
    @SuppressWarnings("unchecked")
    private String issueTwiceWithIdempotencyKey(String loopId, String ownerSecret) {
        List<String> secrets = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            Map<String, Object> body = client.post()
                    .uri("/api/loops/" + loopId + "/keys")
                    .header("Authorization", "Bearer " + ownerSecret)
                    .header("Idempotency-Key", "issue-once-0001")
                    .header("Content-Type", "application/json")
                    .bodyValue("{\"name\": \"idempotent\", \"scopes\": [\"aap:send\"]}")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            secrets.add((String) body.get("secret"));
        }
        assertThat(secrets.get(1)).as("secret in the replayed response").isEqualTo(secrets.get(0));
        return secrets.get(0);
    }

    /** Returns one line per document that contains a needle, naming the collection, the document and the needle. */
    private List<String> findInDatabase(List<String> needles) {
        List<String> found = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            for (Document document : database.getCollection(name).find()) {
                String json = document.toJson();
                for (String needle : needles) {
                    if (json.contains(needle)) {
                        found.add(name + "/" + document.get("_id") + " contains " + redact(needle));
                    }
                }
            }
        }
        return found;
    }

    /** Returns one line per file under the data directory whose bytes contain a needle as UTF-8. */
    private static List<String> findInFiles(List<String> needles) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("files under %s", dataDir).isNotEmpty();

        List<String> found = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (String needle : needles) {
                if (indexOf(bytes, needle.getBytes(StandardCharsets.UTF_8)) >= 0) {
                    found.add(dataDir.relativize(file) + " contains " + redact(needle));
                }
            }
        }
        return found;
    }

    private static List<String> findInLog(CapturedOutput output, List<String> needles) {
        String all = output.getAll();
        return needles.stream()
                .filter(all::contains)
                .map(needle -> "log contains " + redact(needle))
                .toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Returns the part of a secret that the server never shows again: everything after its visible prefix. */
    private static String hiddenPart(String secret) {
        return secret.substring(VISIBLE_LENGTH);
    }

    /** Names a needle in a failure message without printing it whole, so the test output contains no secret either. */
    private static String redact(String needle) {
        return "secret starting " + needle.substring(0, Math.min(10, needle.length())) + "...";
    }

    private static String randomBody() {
        byte[] bytes = new byte[30];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256Hex(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
