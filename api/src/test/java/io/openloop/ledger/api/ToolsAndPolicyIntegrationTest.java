package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.api.ApiCalls.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Publishes tools and evaluates policy through HTTP against the embedded store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ToolsAndPolicyIntegrationTest {

    static final String EXAMPLE_MANIFEST = """
            {"name": "find_dental_leads", "description": "Find and enrich dental office leads by city.",
             "category": "sales_revenue_ops", "riskLevel": "low", "requiresApprovalDefault": false,
             "expectedProofs": ["source_url", "retrieved_at"], "inputSchema": {"type": "object", "required": ["city"]},
             "outputSchema": {"type": "object"}, "providerType": "custom_connector", "visibility": "marketplace",
             "version": "1.0.0"}
            """;

    static final String EXAMPLE_POLICY_REQUEST = """
            {"executionMode": "guided", "domain": "sales_revenue_ops",
             "step": {"action": "find_leads", "riskLevel": "low"}}
            """;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, ToolsAndPolicyIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    ApiCalls api;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(client);
    }

    private Response publish(String token, String manifest) {
        return api.send(HttpMethod.POST, "/api/developer/tools/manifest", token, manifest);
    }

    private static String privateManifest(String name) {
        return """
                {"name": "%s", "description": "Internal lookups.", "category": "internal_ops", "riskLevel": "medium",
                 "inputSchema": {"type": "object"}, "outputSchema": {"type": "object"},
                 "providerType": "custom_connector",
                 "visibility": "private", "version": "0.1.0", "price": 7}
                """.formatted(name);
    }

    @Test
    void exampleManifestPublishesAndIsListed() {
        Map<String, Object> loop = api.registerLoop("@acme_dev", "pro");
        String owner = ApiCalls.ownerSecret(loop);

        Response published = publish(owner, EXAMPLE_MANIFEST);
        Response listing = api.get("/api/tools?category=sales_revenue_ops", owner);

        assertThat(published.status()).as("publish: %s", published).isEqualTo(201);
        assertThat(published.string("toolName")).isEqualTo("@acme_dev/find_dental_leads");
        assertThat(published.string("version")).isEqualTo("1.0.0");
        assertThat(published.string("toolId")).startsWith("tool_");
        assertThat(listing.status()).as("listing: %s", listing).isEqualTo(200);
        assertThat(items(listing)).extracting(item -> item.get("toolName")).contains("@acme_dev/find_dental_leads");
        assertThat(items(listing))
                .allSatisfy(item -> assertThat(item.get("price")).isEqualTo(0));
    }

    @Test
    void sameVersionTwiceIsVersionConflict() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@twice_dev", "pro"));
        publish(owner, EXAMPLE_MANIFEST);

        Response second = publish(owner, EXAMPLE_MANIFEST);

        assertThat(second.status()).as("second publish: %s", second).isEqualTo(409);
        assertThat(second.code()).isEqualTo("VERSION_CONFLICT");
        assertThat(second.string("latestVersion")).isEqualTo("1.0.0");
    }

    @Test
    void higherVersionPublishesAndVersionsAreListed() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@grow_dev", "pro"));
        publish(owner, EXAMPLE_MANIFEST);

        Response next = publish(owner, EXAMPLE_MANIFEST.replace("\"1.0.0\"", "\"1.1.0\""));
        Response tool = api.get("/api/tools/@grow_dev/find_dental_leads", owner);
        Response version = api.get("/api/tools/@grow_dev/find_dental_leads/versions/1.1.0", owner);

        assertThat(next.status()).as("publish 1.1.0: %s", next).isEqualTo(201);
        assertThat(tool.status()).as("tool: %s", tool).isEqualTo(200);
        assertThat(versionsOf(tool)).extracting(entry -> entry.get("version")).containsExactly("1.0.0", "1.1.0");
        assertThat(version.status()).as("version: %s", version).isEqualTo(200);
        assertThat(manifestOf(version).get("inputSchema"))
                .isEqualTo(Map.of("type", "object", "required", List.of("city")));
    }

    @Test
    void deprecatedVersionIsSkippedByUnpinnedEstimate() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@dep_dev", "pro"));
        publish(owner, EXAMPLE_MANIFEST);
        publish(owner, EXAMPLE_MANIFEST.replace("\"1.0.0\"", "\"1.1.0\", \"price\": 25"));

        Response deprecation = api.send(
                HttpMethod.POST,
                "/api/tools/@dep_dev/find_dental_leads/versions/1.1.0/deprecation",
                owner,
                "{\"reason\": \"wrong price\"}");
        Response estimate =
                api.send(HttpMethod.POST, "/api/credits/estimate", owner, "{\"tool\": \"@dep_dev/find_dental_leads\"}");

        assertThat(deprecation.status()).as("deprecation: %s", deprecation).isEqualTo(200);
        assertThat(deprecation.body().get("deprecated")).isEqualTo(true);
        assertThat(estimate.status()).as("estimate: %s", estimate).isEqualTo(200);
        assertThat(estimate.string("version")).isEqualTo("1.0.0");
        assertThat(estimate.body().get("estimate")).isEqualTo(0);
        assertThat(estimate.string("currency")).isEqualTo("credits");
    }

    @Test
    void pinnedEstimateReturnsPriceAndSandboxReturnsZero() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@price_dev", "pro"));
        publish(owner, privateManifest("priced_tool"));

        Response live = api.send(
                HttpMethod.POST,
                "/api/credits/estimate",
                owner,
                "{\"tool\": \"@price_dev/priced_tool\", \"version\": \"0.1.0\", \"executionMode\": \"guided\"}");
        Response sandbox = api.send(
                HttpMethod.POST,
                "/api/credits/estimate",
                owner,
                "{\"tool\": \"@price_dev/priced_tool\", \"executionMode\": \"sandbox\"}");

        assertThat(live.body().get("estimate")).as("live: %s", live).isEqualTo(7);
        assertThat(sandbox.body().get("estimate")).as("sandbox: %s", sandbox).isEqualTo(0);
        assertThat(sandbox.string("note")).contains("simulated");
    }

    @Test
    void invalidInputSchemaIsNamed() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@schema_dev", "pro"));

        Response response = publish(
                owner, EXAMPLE_MANIFEST.replace("\"type\": \"object\", \"required\"", "\"type\": 5, \"required\""));

        assertThat(response.status()).as("publish: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(response)).containsOnlyKeys("inputSchema");
        assertThat(fields(response).get("inputSchema")).contains("draft 2020-12");
    }

    @Test
    void schemasThatCannotBeEvaluatedAreNamed() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@loopref_dev", "pro"));

        Response response = publish(
                owner,
                EXAMPLE_MANIFEST
                        .replace("{\"type\": \"object\", \"required\": [\"city\"]}", "{\"$ref\": \"#\"}")
                        .replace(
                                "\"outputSchema\": {\"type\": \"object\"}",
                                "\"outputSchema\": {\"type\": \"string\", \"pattern\": \"((\"}"));

        assertThat(response.status()).as("publish: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(response)).containsOnlyKeys("inputSchema", "outputSchema");
        assertThat(fields(response).get("inputSchema")).contains("cannot be evaluated");
        assertThat(fields(response).get("outputSchema")).contains("cannot be evaluated");
    }

    @Test
    void priceAboveMaxAmountIsNamed() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@bigprice_dev", "pro"));

        Response response =
                publish(owner, EXAMPLE_MANIFEST.replace("\"1.0.0\"", "\"1.0.0\", \"price\": 9007199254740993"));

        assertThat(response.status()).as("publish: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(response)).containsOnlyKeys("price");
    }

    @Test
    void schemaNumbersThatCannotBeStoredAreNamed() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@bignum_dev", "pro"));

        Response response = publish(
                owner,
                EXAMPLE_MANIFEST
                        .replace("\"required\": [\"city\"]}", "\"maxProperties\": 9007199254740993}")
                        .replace(
                                "\"outputSchema\": {\"type\": \"object\"}",
                                "\"outputSchema\": {\"type\": \"number\", \"maximum\": 1e400}"));

        assertThat(response.status()).as("publish: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(response)).containsOnlyKeys("inputSchema", "outputSchema");
    }

    @Test
    void everyInvalidFieldIsNamed() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@fields_dev", "pro"));

        Response response = publish(owner, """
                {"name": "X", "category": "sales revenue", "riskLevel": "extreme", "version": "1.0",
                 "price": -1, "expectedProofs": ["Source URL"], "visibility": "public",
                 "inputSchema": {"type": "object"},
                 "outputSchema": {"$ref": "https://example.com/out.json"}, "providerType": "custom_connector"}
                """);

        assertThat(response.status()).as("publish: %s", response).isEqualTo(400);
        assertThat(fields(response))
                .containsOnlyKeys(
                        "name",
                        "description",
                        "category",
                        "riskLevel",
                        "version",
                        "price",
                        "expectedProofs",
                        "visibility",
                        "outputSchema");
    }

    @Test
    void privateToolHiddenOutsideItsTree() {
        Map<String, Object> publisherLoop = api.registerLoop("@private_dev", "pro");
        String owner = ApiCalls.ownerSecret(publisherLoop);
        String otherOwner = ApiCalls.ownerSecret(api.registerLoop("@outsider_dev", "pro"));
        Response child = api.registerChild((String) publisherLoop.get("loopId"), owner, "@private_child", null);
        String childOwner = ApiCalls.ownerSecret(child.body());
        publish(owner, privateManifest("internal_lookup"));

        Response forOther = api.get("/api/tools/@private_dev/internal_lookup", otherOwner);
        Response forChild = api.get("/api/tools/@private_dev/internal_lookup", childOwner);
        Response otherListing = api.get("/api/tools?publisher=@private_dev", otherOwner);
        Response childListing = api.get("/api/tools?publisher=@private_dev", childOwner);

        assertThat(forOther.status()).as("other loop: %s", forOther).isEqualTo(404);
        assertThat(forChild.status()).as("child loop: %s", forChild).isEqualTo(200);
        assertThat(items(otherListing)).isEmpty();
        assertThat(items(childListing)).extracting(item -> item.get("name")).containsExactly("internal_lookup");
    }

    @Test
    void listingPagesWithCursor() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@pages_dev", "pro"));
        for (String name : List.of("page_tool_a", "page_tool_b", "page_tool_c")) {
            publish(owner, EXAMPLE_MANIFEST.replace("find_dental_leads", name));
        }

        Response first = api.get("/api/tools?publisher=@pages_dev&limit=2", owner);
        Response second = api.get("/api/tools?publisher=@pages_dev&limit=2&after=" + first.string("nextCursor"), owner);

        assertThat(items(first)).extracting(item -> item.get("name")).containsExactly("page_tool_a", "page_tool_b");
        assertThat(items(second)).extracting(item -> item.get("name")).containsExactly("page_tool_c");
        assertThat(second.string("nextCursor")).isNull();
    }

    @Test
    void operatorCannotPublish() {
        Response response = publish(TestServers.OPERATOR_TOKEN, EXAMPLE_MANIFEST);

        assertThat(response.status()).as("publish: %s", response).isEqualTo(403);
        assertThat(response.code()).isEqualTo("INSUFFICIENT_SCOPE");
    }

    @Test
    void examplePolicyRequestIsAllowed() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@policy_dev", "pro"));

        Response response = api.send(HttpMethod.POST, "/api/policy/evaluate", owner, EXAMPLE_POLICY_REQUEST);

        assertThat(response.status()).as("evaluate: %s", response).isEqualTo(200);
        assertThat(response.string("decision")).isEqualTo("ALLOW");
        assertThat(response.body().get("policyVersion")).isEqualTo(0);
    }

    @Test
    void testKeyAskingGuidedIsSandboxOnly() {
        Map<String, Object> loop = api.registerLoop("@sandbox_dev", "pro");
        String owner = ApiCalls.ownerSecret(loop);
        String testKey = (String) api.issuedKey(
                        (String) loop.get("loopId"), owner, "test", List.of("policy:evaluate"), ", \"mode\": \"test\"")
                .get("secret");

        Response guided = api.send(HttpMethod.POST, "/api/policy/evaluate", testKey, EXAMPLE_POLICY_REQUEST);
        Response sandbox = api.send(
                HttpMethod.POST, "/api/policy/evaluate", testKey, EXAMPLE_POLICY_REQUEST.replace("guided", "sandbox"));

        assertThat(guided.status()).as("guided: %s", guided).isEqualTo(403);
        assertThat(guided.code()).isEqualTo("SANDBOX_ONLY");
        assertThat(sandbox.status()).as("sandbox: %s", sandbox).isEqualTo(200);
        assertThat(sandbox.string("decision")).isEqualTo("ALLOW");
    }

    @Test
    void ownerPolicyDenyingDomainDenies() {
        Map<String, Object> loop = api.registerLoop("@deny_dev", "pro");
        String owner = ApiCalls.ownerSecret(loop);
        String loopId = (String) loop.get("loopId");

        Response set = api.send(
                HttpMethod.PUT,
                "/api/loops/" + loopId + "/policy",
                owner,
                "{\"deniedDomains\": [\"sales_revenue_ops\"]}");
        Response read = api.get("/api/loops/" + loopId + "/policy", owner);
        Response evaluation = api.send(HttpMethod.POST, "/api/policy/evaluate", owner, EXAMPLE_POLICY_REQUEST);

        assertThat(set.status()).as("set: %s", set).isEqualTo(200);
        assertThat(read.body().get("policyVersion")).as("read: %s", read).isEqualTo(1);
        assertThat(evaluation.string("decision"))
                .as("evaluation: %s", evaluation)
                .isEqualTo("DENY");
        assertThat(evaluation.body().get("policyVersion")).isEqualTo(1);
        assertThat(firstReason(evaluation).get("code")).isEqualTo("DOMAIN_DENIED");
        assertThat((String) firstReason(evaluation).get("message")).contains("sales_revenue_ops");
    }

    @Test
    void parentPolicyBindsChild() {
        Map<String, Object> parent = api.registerLoop("@bind_dev", "pro");
        String owner = ApiCalls.ownerSecret(parent);
        String parentId = (String) parent.get("loopId");
        Response child = api.registerChild(parentId, owner, "@bind_child", null);
        String childOwner = ApiCalls.ownerSecret(child.body());
        api.send(HttpMethod.PUT, "/api/loops/" + parentId + "/policy", owner, "{\"deniedActions\": [\"find_leads\"]}");

        Response evaluation = api.send(HttpMethod.POST, "/api/policy/evaluate", childOwner, EXAMPLE_POLICY_REQUEST);

        assertThat(evaluation.string("decision"))
                .as("evaluation: %s", evaluation)
                .isEqualTo("DENY");
        assertThat(firstReason(evaluation).get("code")).isEqualTo("ACTION_DENIED");
        assertThat(evaluation.body().get("policyVersion")).isEqualTo(0);
    }

    @Test
    void invalidPolicyFieldIsNamed() {
        Map<String, Object> loop = api.registerLoop("@badpol_dev", "pro");

        Response response = api.send(
                HttpMethod.PUT,
                "/api/loops/" + loop.get("loopId") + "/policy",
                ApiCalls.ownerSecret(loop),
                "{\"deniedDomains\": [\"Sales Ops\"], \"maxCreditsPerInvocation\": -5}");

        assertThat(response.status()).as("set: %s", response).isEqualTo(400);
        assertThat(fields(response)).containsOnlyKeys("deniedDomains", "maxCreditsPerInvocation");
    }

    @Test
    void policyCapAboveMaxAmountIsNamed() {
        Map<String, Object> loop = api.registerLoop("@bigcap_dev", "pro");

        Response response = api.send(
                HttpMethod.PUT,
                "/api/loops/" + loop.get("loopId") + "/policy",
                ApiCalls.ownerSecret(loop),
                "{\"maxCreditsPerInvocation\": 9223372036854775807}");

        assertThat(response.status()).as("set: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(response)).containsOnlyKeys("maxCreditsPerInvocation");
    }

    @Test
    void policyCapFractionIsNamed() {
        Map<String, Object> loop = api.registerLoop("@fraccap_dev", "pro");

        Response response = api.send(
                HttpMethod.PUT,
                "/api/loops/" + loop.get("loopId") + "/policy",
                ApiCalls.ownerSecret(loop),
                "{\"maxCreditsPerInvocation\": 1.5}");

        assertThat(response.status()).as("set: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(response)).containsOnlyKeys("maxCreditsPerInvocation");
    }

    @Test
    void policyCapStringIsNamed() {
        Map<String, Object> loop = api.registerLoop("@strcap_dev", "pro");

        Response response = api.send(
                HttpMethod.PUT,
                "/api/loops/" + loop.get("loopId") + "/policy",
                ApiCalls.ownerSecret(loop),
                "{\"maxCreditsPerInvocation\": \"5\"}");

        assertThat(response.status()).as("set: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(response)).containsOnlyKeys("maxCreditsPerInvocation");
    }

    @Test
    void policyCapBeyondLongIsNamed() {
        Map<String, Object> loop = api.registerLoop("@infcap_dev", "pro");

        Response response = api.send(
                HttpMethod.PUT,
                "/api/loops/" + loop.get("loopId") + "/policy",
                ApiCalls.ownerSecret(loop),
                "{\"maxCreditsPerInvocation\": 1e400}");

        assertThat(response.status()).as("set: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(response)).containsOnlyKeys("maxCreditsPerInvocation");
    }

    @Test
    void numericDomainIsNamed() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@numdomain_dev", "pro"));

        Response response = api.send(
                HttpMethod.POST,
                "/api/policy/evaluate",
                owner,
                EXAMPLE_POLICY_REQUEST.replace("\"sales_revenue_ops\"", "5"));

        assertThat(response.status()).as("evaluate: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(response)).containsOnlyKeys("domain");
    }

    @Test
    void fractionalLimitParameterIsNamed() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@fraclimit_dev", "pro"));

        Response response = api.get("/api/tools?limit=1.5", owner);

        assertThat(response.status()).as("listing: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.string("message")).contains("limit");
        assertThat(fields(response)).containsOnlyKeys("limit");
    }

    @Test
    void longInvalidNameIsShortenedInErrors() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@longname_dev", "pro"));
        String name = "X".repeat(200_000);

        Response response = publish(owner, EXAMPLE_MANIFEST.replace("find_dental_leads", name));

        assertThat(response.status()).as("publish").isEqualTo(400);
        assertThat(fields(response)).containsOnlyKeys("name");
        assertThat(fields(response).get("name")).hasSizeLessThan(300);
        assertThat(response.string("message")).hasSizeLessThan(300);
    }

    @Test
    void longInvalidDomainIsShortenedInErrors() {
        String owner = ApiCalls.ownerSecret(api.registerLoop("@longdomain_dev", "pro"));
        String domain = "Y".repeat(200_000);

        Response response = api.send(
                HttpMethod.POST,
                "/api/policy/evaluate",
                owner,
                EXAMPLE_POLICY_REQUEST.replace("sales_revenue_ops", domain));

        assertThat(response.status()).as("evaluate").isEqualTo(400);
        assertThat(fields(response)).containsOnlyKeys("domain");
        assertThat(fields(response).get("domain")).hasSizeLessThan(300);
        assertThat(response.string("message")).hasSizeLessThan(300);
    }

    @Test
    void longInvalidDeniedDomainIsShortenedInErrors() {
        Map<String, Object> loop = api.registerLoop("@longdenied_dev", "pro");

        Response response = api.send(
                HttpMethod.PUT,
                "/api/loops/" + loop.get("loopId") + "/policy",
                ApiCalls.ownerSecret(loop),
                "{\"deniedDomains\": [\"" + "Z".repeat(200_000) + "\"]}");

        assertThat(response.status()).as("set").isEqualTo(400);
        assertThat(fields(response)).containsOnlyKeys("deniedDomains");
        assertThat(fields(response).get("deniedDomains")).hasSizeLessThan(300);
        assertThat(response.string("message")).hasSizeLessThan(300);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Response response) {
        return (List<Map<String, Object>>) response.body().getOrDefault("items", List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> versionsOf(Response response) {
        return (List<Map<String, Object>>) response.body().get("versions");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> manifestOf(Response response) {
        return (Map<String, Object>) response.body().get("manifest");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> fields(Response response) {
        return (Map<String, String>) response.body().getOrDefault("fields", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstReason(Response response) {
        return ((List<Map<String, Object>>) response.body().get("reasons")).get(0);
    }
}
