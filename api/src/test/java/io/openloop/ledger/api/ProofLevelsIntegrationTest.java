package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.api.ApiCalls.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Proofs climbing the verification ladder over HTTP. An invocation's proofs reach V2 by the platform's checks. A task's
 * proof reaches V3 by the requester's confirmation, V4 by a registered verifier's signature and V5 by settlement. Both
 * loops' trust scores move, and autopilot at medium risk opens once the score passes 60.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProofLevelsIntegrationTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String AUTOPILOT_MEDIUM = "{\"executionMode\": \"autopilot\", \"domain\":"
            + " \"sales_revenue_ops\", \"step\": {\"action\": \"find_leads\", \"riskLevel\": \"medium\"}}";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, ProofLevelsIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    EventProcessingConfiguration processing;

    private ApiCalls api;

    @BeforeEach
    void setUp() {
        client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        api = new ApiCalls(client);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(200));
    }

    @AfterEach
    void tearDown() {
        Awaitility.reset();
    }

    @Test
    void invocationProofsReachPlatformVerification() {
        Loop publisher = loop("@proof_tools", "developer");
        Loop invoker = loop("@proof_agent", "developer");
        Response published = api.send(
                HttpMethod.POST,
                "/api/developer/tools/manifest",
                publisher.secret(),
                "{\"name\": \"find_leads\", \"description\": \"Find leads by city.\", \"category\":"
                        + " \"sales_revenue_ops\", \"riskLevel\": \"low\", \"requiresApprovalDefault\": false,"
                        + " \"expectedProofs\": [\"source_url\", \"retrieved_at\"], \"inputSchema\": {\"type\":"
                        + " \"object\"}, \"outputSchema\": {\"type\": \"object\"}, \"providerType\":"
                        + " \"custom_connector\", \"visibility\": \"marketplace\", \"version\": \"1.0.0\","
                        + " \"price\": 10}");
        assertThat(published.status()).as("%s", published).isEqualTo(201);
        Response invoked = api.send(
                HttpMethod.POST,
                "/api/tools/invoke",
                invoker.secret(),
                "{\"tool\": \"@proof_tools/find_leads\", \"executionMode\": \"guided\", \"input\": {\"city\":"
                        + " \"Atlanta\"}}");
        assertThat(invoked.status()).as("%s", invoked).isEqualTo(201);
        String invocationId = invoked.string("invocationId");
        Instant now = Instant.now();

        Response reported = api.send(
                HttpMethod.POST,
                "/api/invocations/" + invocationId + "/result",
                publisher.secret(),
                "{\"status\": \"succeeded\", \"output\": {\"leads\": 3}, \"proofs\": [{\"kind\": \"source_url\","
                        + " \"uri\": \"https://example.org/dentists\", \"sha256\": \"" + SHA + "\", \"capturedAt\": \""
                        + now + "\"}, {\"kind\": \"retrieved_at\", \"data\": \"test\", \"sha256\": \"" + SHA
                        + "\", \"capturedAt\": \"" + now + "\"}]}");
        assertThat(reported.status()).as("%s", reported).isEqualTo(200);

        Response verification = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/invocations/" + invocationId + "/verification", invoker.secret()),
                        reply -> "V2".equals(reply.string("highestLevel")));
        assertThat(items(verification, "proofs")).hasSize(2);
        assertThat(items(verification, "proofs"))
                .allSatisfy(proof -> assertThat(proof.get("level")).isEqualTo("V2"));
        Response trust = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/loops/" + publisher.loopId() + "/trust", publisher.secret()),
                        reply -> number(reply.body().get("score")) > 50);
        assertThat(contributions(trust)).containsKey("succeeded_invocation_v2");
    }

    @Test
    void taskProofClimbsToSettlementAndOpensAutopilot() throws Exception {
        Loop agent = loop("@ladder_agent", "developer");
        Loop business = verifiedBusiness("@ladder_business");
        Response denied = api.send(HttpMethod.POST, "/api/policy/evaluate", agent.secret(), AUTOPILOT_MEDIUM);
        assertThat(denied.status()).as("%s", denied).isEqualTo(200);
        assertThat(denied.string("decision")).isEqualTo("DENY");
        assertThat(denied.body().get("trustScore")).isEqualTo(50);
        assertThat(String.valueOf(denied.body().get("reasons"))).contains("TRUST_BELOW_THRESHOLD");

        String taskId = send(
                        agent,
                        "{\"type\": \"TASK_REQUEST\", \"to\": \"@ladder_business\", \"task\":"
                                + " \"quote_request\", \"inputs\": {\"city\": \"Atlanta\"}}")
                .string("taskId");
        send(business, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 100}");
        send(agent, "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\"}");

        // Hold the settlement back, so the proof climbs the levels in order.
        EventProcessor settlement = processing.eventProcessor("task-settlement").orElseThrow();
        settlement.shutDown();
        send(
                business,
                "{\"type\": \"TASK_COMPLETE\", \"taskId\": \"" + taskId + "\", \"proofs\": [{\"kind\":"
                        + " \"document\", \"uri\": \"https://example.org/quote.pdf\", \"sha256\": \"" + SHA
                        + "\", \"capturedAt\": \"" + Instant.now() + "\"}]}");
        Response task = api.get("/api/tasks/" + taskId, agent.secret());
        String proofId = ((List<?>) task.body().get("proofIds")).get(0).toString();
        assertThat(level(proofId, agent)).isEqualTo("V1");

        Response selfConfirmed =
                api.send(HttpMethod.POST, "/api/proofs/" + proofId + "/confirmation", business.secret(), "{}");
        assertThat(selfConfirmed.status()).as("%s", selfConfirmed).isEqualTo(409);
        Response confirmed = api.send(
                HttpMethod.POST,
                "/api/proofs/" + proofId + "/confirmation",
                agent.secret(),
                "{\"note\": \"quote received\"}");
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(200);
        assertThat(confirmed.string("level")).isEqualTo("V3");

        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = keys.getPublic().getEncoded();
        String publicKey = base64(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
        Response verifier = api.send(
                HttpMethod.POST,
                "/api/admin/verifiers",
                TestServers.OPERATOR_TOKEN,
                "{\"name\": \"Roof Inspectors Guild\", \"publicKey\": \"" + publicKey + "\"}");
        assertThat(verifier.status()).as("%s", verifier).isEqualTo(201);
        String verifierId = verifier.string("verifierId");
        String digest = api.get("/api/proofs/" + proofId, agent.secret()).string("digest");

        Response forged = attest(
                proofId,
                verifierId,
                sign(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), digest),
                agent);
        assertThat(forged.status()).as("%s", forged).isEqualTo(400);
        assertThat(forged.code()).isEqualTo("VALIDATION_FAILED");
        Loop stranger = loop("@ladder_stranger", "developer");
        Response strangerAttests = attest(proofId, verifierId, sign(keys, digest), stranger);
        assertThat(strangerAttests.status()).as("%s", strangerAttests).isEqualTo(404);
        Response attested = attest(proofId, verifierId, sign(keys, digest), agent);
        assertThat(attested.status()).as("%s", attested).isEqualTo(200);
        assertThat(attested.string("level")).isEqualTo("V4");

        settlement.start();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> level(proofId, agent), "V5"::equals);
        Response verification = api.get("/api/tasks/" + taskId + "/verification", business.secret());
        assertThat(verification.string("highestLevel")).isEqualTo("V5");

        Response businessTrust = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/loops/" + business.loopId() + "/trust", business.secret()),
                        reply -> number(reply.body().get("score")) > 60);
        assertThat(contributions(businessTrust)).containsKey("settled_task_v5");
        Response agentTrust = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/loops/" + agent.loopId() + "/trust", agent.secret()),
                        reply -> number(reply.body().get("score")) > 60);
        assertThat(contributions(agentTrust)).containsKey("paid_task");

        Response allowed = api.send(HttpMethod.POST, "/api/policy/evaluate", agent.secret(), AUTOPILOT_MEDIUM);
        assertThat(allowed.string("decision")).as("%s", allowed).isEqualTo("ALLOW");
        assertThat(number(allowed.body().get("trustScore"))).isGreaterThan(60);
    }

    private Response attest(String proofId, String verifierId, String signature, Loop caller) {
        return api.send(
                HttpMethod.POST,
                "/api/proofs/" + proofId + "/attestations",
                caller.secret(),
                "{\"verifierId\": \"" + verifierId + "\", \"signature\": \"" + signature + "\"}");
    }

    private static String sign(KeyPair keys, String digest) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(digest.getBytes(StandardCharsets.UTF_8));
        return base64(signer.sign());
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String level(String proofId, Loop reader) {
        return api.get("/api/proofs/" + proofId, reader.secret()).string("level");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> contributions(Response trust) {
        Map<String, Object> components = (Map<String, Object>) trust.body().get("components");
        return (Map<String, Object>) components.get("contributions");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Response response, String field) {
        Object items = response.body().get(field);
        return items instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static long number(Object value) {
        return value instanceof Number number ? number.longValue() : -1;
    }

    private Response send(Loop sender, String message) {
        Response response = api.send(HttpMethod.POST, "/api/aap/messages", sender.secret(), message);
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response;
    }

    private record Loop(String loopId, String secret) {}

    private Loop loop(String handle, String kind) {
        Map<String, Object> registration = api.registerLoop(handle, "pro", kind);
        return new Loop((String) registration.get("loopId"), ApiCalls.ownerSecret(registration));
    }

    private Loop verifiedBusiness(String handle) {
        Loop business = loop(handle, "business");
        api.verifyBusiness(business.loopId(), business.secret());
        return business;
    }
}
