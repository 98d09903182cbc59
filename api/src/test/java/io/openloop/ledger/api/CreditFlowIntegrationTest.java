package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.api.ApiCalls.Response;
import io.openloop.ledger.messages.credit.CaptureHoldCommand;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditAmounts;
import io.openloop.ledger.messages.credit.PlaceHoldCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Credits through HTTP on the embedded store: opening grants, grants, transfers to children, entries and errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class CreditFlowIntegrationTest {

    private static final String AVAILABLE = "OpenLoop-Credits-Available";
    private static final String CHARGED = "OpenLoop-Credits-Charged";
    private static int loops;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, CreditFlowIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    CommandGateway commands;

    @Autowired
    MongoDatabase database;

    private ApiCalls api;
    private String parentId;
    private String ownerSecret;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(client);
        Map<String, Object> parent = api.registerLoop("@credit_parent_" + ++loops, "pro");
        parentId = (String) parent.get("loopId");
        ownerSecret = ApiCalls.ownerSecret(parent);
    }

    private String child(String handle) {
        Response child = api.registerChild(parentId, ownerSecret, handle + "_" + loops, null);
        assertThat(child.status()).as("child registration: %s", child).isEqualTo(201);
        return (String) child.body().get("loopId");
    }

    private EntityExchangeResult<Map> postWithKey(String path, String key, String json) {
        return client.post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectBody(Map.class)
                .returnResult();
    }

    private EntityExchangeResult<Map> post(String path, String token, String json) {
        return client.post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectBody(Map.class)
                .returnResult();
    }

    private EntityExchangeResult<Map> transfer(String from, String to, long amount) {
        return post(
                "/api/loops/" + from + "/credits/transfers",
                ownerSecret,
                "{\"toLoopId\": \"" + to + "\", \"amount\": " + amount + ", \"memo\": \"funding\"}");
    }

    private Map<String, Object> credits(String loopId, String token) {
        Response response = api.get("/api/loops/" + loopId + "/credits", token);
        assertThat(response.status()).as("credits of %s: %s", loopId, response).isEqualTo(200);
        return response.body();
    }

    private static long number(Map<String, Object> body, String field) {
        return ((Number) body.get(field)).longValue();
    }

    @Test
    void newLoopHasItsPlansOpeningGrant() {
        Map<String, Object> account = credits(parentId, ownerSecret);

        assertThat(number(account, "balance")).isEqualTo(10_000);
        assertThat(number(account, "held")).isZero();
        assertThat(number(account, "available")).isEqualTo(10_000);
        assertThat((List<Object>) account.get("openHolds")).isEmpty();
    }

    @Test
    void newChildLoopOpensAtZero() {
        String childId = child("@credit_kid");

        assertThat(number(credits(childId, ownerSecret), "balance")).isZero();
    }

    @Test
    void transferToChildMovesCredits() {
        String childId = child("@funded_kid");

        EntityExchangeResult<Map> result = transfer(parentId, childId, 2_500);

        assertThat(result.getStatus().value())
                .as("transfer: %s", result.getResponseBody())
                .isEqualTo(201);
        assertThat(result.getResponseHeaders().getFirst(AVAILABLE)).isEqualTo("7500");
        assertThat(result.getResponseHeaders().getFirst(CHARGED)).isEqualTo("2500");
        assertThat(number(result.getResponseBody(), "available")).isEqualTo(7_500);
        assertThat(number(credits(parentId, ownerSecret), "balance")).isEqualTo(7_500);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> number(credits(childId, ownerSecret), "balance") == 2_500);
    }

    @Test
    void overdraftTransferIsPaymentRequired() {
        String childId = child("@broke_kid");

        EntityExchangeResult<Map> result = transfer(parentId, childId, 10_001);

        Map<String, Object> body = result.getResponseBody();
        assertThat(result.getStatus().value()).isEqualTo(402);
        assertThat(body).containsEntry("code", "INSUFFICIENT_CREDITS");
        assertThat(number(body, "required")).isEqualTo(10_001);
        assertThat(number(body, "available")).isEqualTo(10_000);
        assertThat(number(credits(parentId, ownerSecret), "balance")).isEqualTo(10_000);
    }

    @Test
    void fractionalAmountIsRejected() {
        String childId = child("@fraction_kid");

        EntityExchangeResult<Map> result = post(
                "/api/loops/" + parentId + "/credits/transfers",
                ownerSecret,
                "{\"toLoopId\": \"" + childId + "\", \"amount\": 1.5}");

        assertThat(result.getStatus().value()).isEqualTo(400);
        assertThat(result.getResponseBody()).containsEntry("code", "VALIDATION_FAILED");
    }

    @Test
    void childCannotSendToItsParent() {
        Response child = api.registerChild(parentId, ownerSecret, "@upward_kid_" + loops, null);
        String childId = (String) child.body().get("loopId");
        String childSecret = ApiCalls.ownerSecret(child.body());

        Response response = api.send(
                HttpMethod.POST,
                "/api/loops/" + childId + "/credits/transfers",
                childSecret,
                "{\"toLoopId\": \"" + parentId + "\", \"amount\": 1}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void transferBetweenSiblingsIsNotFound() {
        String first = child("@sibling_one");
        String second = child("@sibling_two");

        EntityExchangeResult<Map> result = transfer(first, second, 1);

        assertThat(result.getStatus().value()).isEqualTo(404);
        assertThat(result.getResponseBody()).containsEntry("code", "NOT_FOUND");
    }

    @Test
    void operatorGrantAddsCredits() {
        EntityExchangeResult<Map> result = post(
                "/api/admin/credits/grants",
                TestServers.OPERATOR_TOKEN,
                "{\"loopId\": \"" + parentId + "\", \"amount\": 250, \"reason\": \"support credit\"}");

        assertThat(result.getStatus().value())
                .as("grant: %s", result.getResponseBody())
                .isEqualTo(201);
        assertThat(result.getResponseHeaders().getFirst(AVAILABLE)).isEqualTo("10250");
        assertThat(result.getResponseHeaders().getFirst(CHARGED)).isEqualTo("0");
        assertThat((String) result.getResponseBody().get("grantId")).startsWith("grant_");
        assertThat(number(credits(parentId, ownerSecret), "balance")).isEqualTo(10_250);
    }

    @Test
    void grantRetryAfterLostRecordAppliesOnce() {
        String body = "{\"loopId\": \"" + parentId + "\", \"amount\": 40, \"reason\": \"retried grant\"}";
        EntityExchangeResult<Map> first = postWithKey("/api/admin/credits/grants", "grant-retry-" + loops, body);
        // A node that dies after the grant leaves its record pending, and a retry takes it over as stale. Deleting the
        // record puts the retry in the same place without waiting for the stale timeout.
        database.getCollection("idempotency").deleteMany(new Document());

        EntityExchangeResult<Map> retry = postWithKey("/api/admin/credits/grants", "grant-retry-" + loops, body);

        assertThat(first.getStatus().value())
                .as("grant: %s", first.getResponseBody())
                .isEqualTo(201);
        assertThat(retry.getStatus().value())
                .as("retry: %s", retry.getResponseBody())
                .isEqualTo(409);
        assertThat(retry.getResponseBody().get("code")).isEqualTo("INVALID_STATE");
        assertThat((String) retry.getResponseBody().get("message"))
                .contains((String) first.getResponseBody().get("grantId"));
        assertThat(number(credits(parentId, ownerSecret), "balance")).isEqualTo(10_040);
    }

    @Test
    void grantAboveMaxAmountNamesAmount() {
        Response response = api.send(
                HttpMethod.POST,
                "/api/admin/credits/grants",
                TestServers.OPERATOR_TOKEN,
                "{\"loopId\": \"" + parentId + "\", \"amount\": 9007199254740993, \"reason\": \"too much\"}");

        assertThat(response.status()).as("grant: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat((Map<String, Object>) response.body().get("fields")).containsOnlyKeys("amount");
    }

    @Test
    void grantPastMaxBalanceNamesAmount() {
        Response response = api.send(
                HttpMethod.POST,
                "/api/admin/credits/grants",
                TestServers.OPERATOR_TOKEN,
                "{\"loopId\": \"" + parentId + "\", \"amount\": " + CreditAmounts.MAX_AMOUNT
                        + ", \"reason\": \"too much\"}");

        assertThat(response.status()).as("grant: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat((Map<String, Object>) response.body().get("fields")).containsOnlyKeys("amount");
        assertThat(number(credits(parentId, ownerSecret), "balance")).isEqualTo(10_000);
    }

    @Test
    void transferAboveMaxAmountNamesAmount() {
        String childId = child("@huge_kid");

        Response response = api.send(
                HttpMethod.POST,
                "/api/loops/" + parentId + "/credits/transfers",
                ownerSecret,
                "{\"toLoopId\": \"" + childId + "\", \"amount\": 9223372036854775807}");

        assertThat(response.status()).as("transfer: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat((Map<String, Object>) response.body().get("fields")).containsOnlyKeys("amount");
    }

    @Test
    void grantAmountAsStringIsNamed() {
        Response response = api.send(
                HttpMethod.POST,
                "/api/admin/credits/grants",
                TestServers.OPERATOR_TOKEN,
                "{\"loopId\": \"" + parentId + "\", \"amount\": \"5\", \"reason\": \"as text\"}");

        assertThat(response.status()).as("grant: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat((Map<String, Object>) response.body().get("fields")).containsOnlyKeys("amount");
    }

    @Test
    void transferAmountAsStringIsNamed() {
        String childId = child("@text_kid");

        Response response = api.send(
                HttpMethod.POST,
                "/api/loops/" + parentId + "/credits/transfers",
                ownerSecret,
                "{\"toLoopId\": \"" + childId + "\", \"amount\": \"5\"}");

        assertThat(response.status()).as("transfer: %s", response).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat((Map<String, Object>) response.body().get("fields")).containsOnlyKeys("amount");
    }

    @Test
    void grantToUnknownLoopIsNotFound() {
        EntityExchangeResult<Map> result = post(
                "/api/admin/credits/grants",
                TestServers.OPERATOR_TOKEN,
                "{\"loopId\": \"loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK\", \"amount\": 1, \"reason\": \"x\"}");

        assertThat(result.getStatus().value()).isEqualTo(404);
    }

    @Test
    void entriesArePagedWithCursors() {
        String childId = child("@paged_kid");
        for (int i = 1; i <= 3; i++) {
            assertThat(transfer(parentId, childId, i).getStatus().value()).isEqualTo(201);
        }

        List<Map<String, Object>> seen = new ArrayList<>();
        String path = "/api/loops/" + parentId + "/credits/entries?limit=2";
        int pages = 0;
        String cursor;
        do {
            Response page = api.get(path, ownerSecret);
            assertThat(page.status()).as("entries page: %s", page).isEqualTo(200);
            seen.addAll((List<Map<String, Object>>) page.body().get("items"));
            cursor = page.string("nextCursor");
            path = "/api/loops/" + parentId + "/credits/entries?limit=2&after=" + cursor;
            pages++;
        } while (cursor != null && pages < 5);

        assertThat(pages).isEqualTo(2);
        assertThat(seen)
                .extracting(entry -> entry.get("kind"))
                .containsExactly("GRANT", "TRANSFER_OUT", "TRANSFER_OUT", "TRANSFER_OUT");
        assertThat(seen)
                .extracting(entry -> ((Number) entry.get("amount")).longValue())
                .containsExactly(10_000L, -1L, -2L, -3L);
        assertThat(seen)
                .extracting(entry -> ((Number) entry.get("balanceAfter")).longValue())
                .containsExactly(10_000L, 9_999L, 9_997L, 9_994L);
    }

    @Test
    void foreignCursorIsRejected() {
        Response response = api.get("/api/loops/" + parentId + "/credits/entries?after=bm90LWEtY3Vyc29y", ownerSecret);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void platformLedgerBalancesOnceTransfersLand() {
        String childId = child("@ledger_kid");
        assertThat(transfer(parentId, childId, 40).getStatus().value()).isEqualTo(201);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            Map<String, Object> ledger = api.get("/api/admin/credits/ledger", TestServers.OPERATOR_TOKEN)
                    .body();
            return number(ledger, "inTransitBalance") == 0;
        });
        Map<String, Object> ledger =
                api.get("/api/admin/credits/ledger", TestServers.OPERATOR_TOKEN).body();

        assertThat(number(ledger, "issuanceBalance") + number(ledger, "accountsBalance"))
                .isZero();
        assertThat(number(ledger, "issuanceBalance")).isNegative();
    }

    @Test
    void retriedGrantWithIdempotencyKeyGrantsOnce() {
        String json = "{\"loopId\": \"" + parentId + "\", \"amount\": 7, \"reason\": \"retried\"}";
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            bodies.add(client.post()
                    .uri("/api/admin/credits/grants")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.OPERATOR_TOKEN)
                    .header("Idempotency-Key", "grant-" + parentId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(json)
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody());
        }

        assertThat(bodies.get(1).get("grantId")).isEqualTo(bodies.get(0).get("grantId"));
        assertThat(number(credits(parentId, ownerSecret), "balance")).isEqualTo(10_007);
    }

    @Test
    void holdExpiresThroughTheDeadlineManager() {
        String accountId = CreditAccounts.accountIdOf(parentId);
        commands.sendAndWait(
                new PlaceHoldCommand(accountId, "h1", 40, Instant.now().plusSeconds(1), "inv_expiring"));

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> ((List<Object>) credits(parentId, ownerSecret).get("openHolds")).isEmpty());
        Map<String, Object> account = credits(parentId, ownerSecret);

        assertThat(number(account, "held")).isZero();
        assertThat(number(account, "available")).isEqualTo(10_000);
    }

    @Test
    void captureLandsOnThePayee() {
        String childId = child("@payee_kid");
        String accountId = CreditAccounts.accountIdOf(parentId);
        commands.sendAndWait(
                new PlaceHoldCommand(accountId, "h1", 50, Instant.now().plusSeconds(600), "inv_captured"));

        commands.sendAndWait(new CaptureHoldCommand(accountId, "h1", 30, CreditAccounts.accountIdOf(childId)));

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> number(credits(childId, ownerSecret), "balance") == 30);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> number(credits(parentId, ownerSecret), "held") == 0);
        assertThat(number(credits(parentId, ownerSecret), "balance")).isEqualTo(9_970);
    }
}
