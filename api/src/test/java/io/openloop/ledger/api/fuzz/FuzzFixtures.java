package io.openloop.ledger.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.api.fuzz.FuzzClient.FuzzRequest;
import io.openloop.ledger.api.fuzz.FuzzClient.FuzzResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources the fuzzer aims at: a developer loop that publishes a tool, a verified business loop, a task between
 * them, invocations, a proof and a verifier. A fuzzed request starts from these real ids, so it passes the checks of
 * authentication and existence unless its mutation breaks them.
 */
final class FuzzFixtures {

    private static final Logger log = LoggerFactory.getLogger(FuzzFixtures.class);
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    final String operatorToken;
    String developerKey;
    String businessKey;
    String narrowKey;
    String revokedKey;

    /** Values of path parameters and body fields by name, such as {@code loopId} or {@code taskId}. */
    final Map<String, String> values = new HashMap<>();

    private final FuzzClient client;

    private FuzzFixtures(FuzzClient client, String operatorToken) {
        this.client = client;
        this.operatorToken = operatorToken;
    }

    static FuzzFixtures create(FuzzClient client, String operatorToken) throws IOException, InterruptedException {
        FuzzFixtures fixtures = new FuzzFixtures(client, operatorToken);
        fixtures.build();
        return fixtures;
    }

    private void build() throws IOException, InterruptedException {
        JsonNode developer = require(post(
                "/api/developer/loops",
                operatorToken,
                "{\"handle\": \"@fuzz_dev\", \"displayName\": \"Fuzz Dev\", \"plan\": \"enterprise\"}"));
        String developerLoop = developer.path("loopId").asText();
        developerKey = developer.path("ownerKey").path("secret").asText();
        JsonNode business = require(post(
                "/api/developer/loops",
                operatorToken,
                "{\"handle\": \"@fuzz_biz\", \"displayName\": \"Fuzz Biz\", \"plan\": \"enterprise\","
                        + " \"kind\": \"business\"}"));
        String businessLoop = business.path("loopId").asText();
        businessKey = business.path("ownerKey").path("secret").asText();
        values.put("loopId", developerLoop);
        values.put("parentLoopId", developerLoop);
        values.put("toLoopId", businessLoop);
        values.put("handle", "@fuzz_dev");
        values.put("publisher", "@fuzz_dev");
        values.put("to", "@fuzz_biz");

        JsonNode narrow = require(post(
                "/api/loops/" + developerLoop + "/keys",
                developerKey,
                "{\"name\": \"narrow\", \"scopes\": [\"trust:read\"]}"));
        narrowKey = narrow.path("secret").asText();
        values.put("keyId", narrow.path("keyId").asText());
        JsonNode revoked = require(post(
                "/api/loops/" + developerLoop + "/keys",
                developerKey,
                "{\"name\": \"revoked\", \"scopes\": [\"trust:read\"]}"));
        revokedKey = revoked.path("secret").asText();
        send(
                "DELETE",
                "/api/loops/" + developerLoop + "/keys/" + revoked.path("keyId").asText(),
                developerKey,
                null);

        require(post(
                "/api/developer/tools/manifest",
                developerKey,
                "{\"name\": \"fuzz_tool\", \"description\": \"A tool the fuzzer aims at.\", \"category\":"
                        + " \"sales_revenue_ops\", \"riskLevel\": \"low\", \"requiresApprovalDefault\": false,"
                        + " \"expectedProofs\": [], \"inputSchema\": {\"type\": \"object\"}, \"outputSchema\":"
                        + " {\"type\": \"object\"}, \"providerType\": \"custom_connector\", \"visibility\":"
                        + " \"marketplace\", \"version\": \"1.0.0\", \"price\": 5}"));
        values.put("name", "fuzz_tool");
        values.put("version", "1.0.0");
        values.put("tool", "@fuzz_dev/fuzz_tool");

        businessFixtures(developerLoop, businessLoop);
        invocationFixtures();
        verifierFixture();
        log.info("Fuzz fixtures ready: {}", values.keySet());
    }

    private void businessFixtures(String developerLoop, String businessLoop) throws IOException, InterruptedException {
        require(post(
                "/api/loops/" + businessLoop + "/business-identity",
                businessKey,
                "{\"legalName\": \"Fuzz LLC\", \"website\": \"https://example.org\", \"contactEmail\":"
                        + " \"owner@example.org\", \"serviceArea\": [\"Atlanta\"]}"));
        require(post(
                "/api/admin/loops/" + businessLoop + "/verification", operatorToken, "{\"decision\": \"verified\"}"));
        require(send(
                "PUT",
                "/api/loops/" + businessLoop + "/task-policy",
                businessKey,
                "{\"tasks\": {\"quote_request\": {\"inputSchema\": {\"type\": \"object\"}}}}"));
        JsonNode task = require(post(
                "/api/aap/messages",
                developerKey,
                "{\"type\": \"TASK_REQUEST\", \"to\": \"@fuzz_biz\", \"task\": \"quote_request\", \"inputs\": {}}"));
        values.put("taskId", task.path("taskId").asText());
        values.put("task", "quote_request");
        values.put("subjectId", task.path("taskId").asText());
        log.info("Fuzz fixtures: developer loop {}, business loop {}", developerLoop, businessLoop);
    }

    private void invocationFixtures() throws IOException, InterruptedException {
        String invoke = "{\"tool\": \"@fuzz_dev/fuzz_tool\", \"executionMode\": \"guided\", \"input\": {}}";
        JsonNode settled = require(post("/api/tools/invoke", businessKey, invoke));
        JsonNode result = require(post(
                "/api/invocations/" + settled.path("invocationId").asText() + "/result",
                developerKey,
                "{\"status\": \"succeeded\", \"output\": {}, \"proofs\": [{\"kind\": \"source_url\", \"uri\":"
                        + " \"https://example.org\", \"sha256\": \"" + SHA + "\", \"capturedAt\": \"" + Instant.now()
                        + "\"}]}"));
        values.put("proofId", result.path("proofIds").path(0).asText());
        // A sandbox invocation places no hold on credits, so no hold expires while the fuzzer runs.
        JsonNode pending = require(post(
                "/api/tools/invoke",
                businessKey,
                "{\"tool\": \"@fuzz_dev/fuzz_tool\", \"executionMode\": \"sandbox\", \"input\": {}}"));
        values.put("invocationId", pending.path("invocationId").asText());
    }

    private void verifierFixture() throws IOException, InterruptedException {
        byte[] encoded;
        try {
            encoded = KeyPairGenerator.getInstance("Ed25519")
                    .generateKeyPair()
                    .getPublic()
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519 key generator", e);
        }
        String publicKey = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
        JsonNode verifier = require(post(
                "/api/admin/verifiers",
                operatorToken,
                "{\"name\": \"Fuzz Guild\", \"publicKey\": \"" + publicKey + "\"}"));
        values.put("verifierId", verifier.path("verifierId").asText());
    }

    /**
     * Undoes what an accepted fuzzed request did to the fixtures, so later requests still reach deep checks. It lifts a
     * suspension of the developer loop and issues a new narrow key when the old one was revoked or rotated.
     */
    void restore(FuzzRequest accepted) throws InterruptedException {
        String path = accepted.path().split("\\?", 2)[0];
        String loopId = values.get("loopId");
        try {
            if (path.endsWith("/suspension") && accepted.method().equals("POST")) {
                FuzzResponse lifted = send("DELETE", "/api/admin/loops/" + loopId + "/suspension", operatorToken, null);
                log.info("Fuzz fixtures: lifting the suspension of loop {} returned {}", loopId, lifted.status());
            }
            if (path.contains("/keys/" + values.get("keyId"))) {
                JsonNode narrow = require(post(
                        "/api/loops/" + loopId + "/keys",
                        developerKey,
                        "{\"name\": \"narrow\", \"scopes\": [\"trust:read\"]}"));
                narrowKey = narrow.path("secret").asText();
                values.put("keyId", narrow.path("keyId").asText());
                log.info("Fuzz fixtures: issued narrow key {} after a change to the last one", values.get("keyId"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not restore the fuzz fixtures after " + accepted.method() + " " + path, e);
        }
    }

    private FuzzResponse post(String path, String token, String json) throws IOException, InterruptedException {
        return send("POST", path, token, json);
    }

    private FuzzResponse send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        return client.send(new FuzzRequest(method, path, headers, body));
    }

    private static JsonNode require(FuzzResponse response) {
        if (response.status() >= 300 || response.json() == null) {
            throw new IllegalStateException("a fuzz fixture request failed: " + response);
        }
        return response.json();
    }
}
