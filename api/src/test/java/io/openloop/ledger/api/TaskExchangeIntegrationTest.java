package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.api.ApiCalls.Response;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.PlaceHoldCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The AAP exchange over HTTP. An agent requests a quote from a verified business, the business offers, the agent
 * accepts, the work runs and completes with proof, and the price settles, with both balances checked at each step.
 * The suite also covers the rejections on the way, cancellation, a refunded dispute and the live streams.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TaskExchangeIntegrationTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String QUOTE_REQUEST = "{\"type\": \"TASK_REQUEST\", \"to\": \"%s\","
            + " \"task\": \"quote_request\", \"inputs\": {\"city\": \"%s\", \"service\": \"roofing\"}}";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, TaskExchangeIntegrationTest.class);
        registry.add("openloop.streams.heartbeat", () -> "PT1S");
    }

    @Autowired
    WebTestClient client;

    @Autowired
    CommandGateway commands;

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
    void quoteRequestIsOfferedAcceptedCompletedAndSettled() {
        Loop agent = loop("@acme_agent", "developer");
        Loop business = verifiedBusiness("@acme_business");
        Response policy = api.send(
                HttpMethod.PUT,
                "/api/loops/" + business.loopId() + "/task-policy",
                business.secret(),
                "{\"tasks\": {\"quote_request\": {\"inputSchema\": {\"type\": \"object\", \"properties\":"
                        + " {\"city\": {\"enum\": [\"Atlanta\", \"Savannah\"]}}}}}, \"minTrustScore\": 40}");
        assertThat(policy.status()).as("%s", policy).isEqualTo(200);
        assertThat(policy.body().get("policyVersion")).isEqualTo(1);

        Response requested = send(agent, QUOTE_REQUEST.formatted("@acme_business", "Atlanta"));
        assertThat(requested.status()).as("%s", requested).isEqualTo(201);
        assertThat(requested.string("state")).isEqualTo("REQUESTED");
        assertThat(requested.string("from")).isEqualTo(agent.loopId());
        assertThat(requested.string("to")).isEqualTo(business.loopId());
        String taskId = requested.string("taskId");
        assertThat(taskId).startsWith("task_");
        assertBalances(agent, 10_000, 10_000);
        assertBalances(business, 10_000, 10_000);

        Response offered = send(
                business,
                "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 300,"
                        + " \"terms\": \"Roof inspection and written quote within 48 hours\"}");
        assertThat(offered.status()).as("%s", offered).isEqualTo(201);
        assertThat(offered.string("state")).isEqualTo("OFFERED");
        String offerId = offered.string("id");

        Response accepted = send(
                agent,
                "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\", \"offerId\": \"" + offerId + "\"}");
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(201);
        assertThat(accepted.string("state")).isEqualTo("ACCEPTED");
        assertBalances(agent, 10_000, 9_700);
        assertBalances(business, 10_000, 10_000);

        Response contract = api.get("/api/contracts/" + taskId, agent.secret());
        assertThat(contract.status()).as("%s", contract).isEqualTo(200);
        assertThat(contract.body().get("price")).isEqualTo(300);
        assertThat(contract.string("requesterLoopId")).isEqualTo(agent.loopId());
        assertThat(contract.string("businessLoopId")).isEqualTo(business.loopId());
        assertThat(contract.string("terms")).isEqualTo("Roof inspection and written quote within 48 hours");
        assertThat(contract.string("deadline")).isNotNull();

        assertThat(send(business, update(taskId, "Inspector booked")).string("state"))
                .isEqualTo("IN_PROGRESS");
        Response inputRequested = send(
                business,
                "{\"type\": \"INPUT_REQUEST\", \"taskId\": \"" + taskId + "\", \"question\": \"Roof area?\"}");
        assertThat(inputRequested.string("state")).as("%s", inputRequested).isEqualTo("INPUT_REQUIRED");
        Response answered = send(
                agent,
                "{\"type\": \"TASK_UPDATE\", \"taskId\": \"" + taskId + "\", \"data\": {\"roofAreaSqFt\": 2400}}");
        assertThat(answered.string("state")).as("%s", answered).isEqualTo("IN_PROGRESS");

        Response completed = send(business, complete(taskId));
        assertThat(completed.status()).as("%s", completed).isEqualTo(201);
        assertThat(completed.string("state")).isIn("COMPLETED", "SETTLED");

        Response settled = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/tasks/" + taskId, agent.secret()),
                        task -> "SETTLED".equals(task.string("state")));
        assertThat(settled.body().get("settled")).isEqualTo(true);
        assertThat((List<?>) settled.body().get("proofIds")).hasSize(1);
        assertBalances(agent, 9_700, 9_700);
        assertBalances(business, 10_300, 10_300);

        Response thread = api.get("/api/tasks/" + taskId + "/messages", business.secret());
        assertThat(thread.status()).as("%s", thread).isEqualTo(200);
        List<Map<String, Object>> messages = items(thread);
        assertThat(messages)
                .extracting(message -> message.get("type"))
                .containsExactly(
                        "TASK_REQUEST",
                        "TASK_OFFER",
                        "OFFER_ACCEPT",
                        "TASK_UPDATE",
                        "INPUT_REQUEST",
                        "TASK_UPDATE",
                        "TASK_COMPLETE");
        assertThat(messages)
                .allSatisfy(message -> assertThat(message.get("createdAt")).isNotNull());
        assertThat(messages.get(0).get("fromLoopId")).isEqualTo(agent.loopId());
        assertThat(messages.get(1).get("fromLoopId")).isEqualTo(business.loopId());

        Response inbox = api.get("/api/aap/inbox?type=TASK_REQUEST", business.secret());
        assertThat(inbox.status()).as("%s", inbox).isEqualTo(200);
        assertThat(items(inbox)).extracting(message -> message.get("taskId")).contains(taskId);
    }

    @Test
    void requestOutsideTaskPolicyIsRejectedWithReason() {
        Loop agent = loop("@roof_agent", "developer");
        Loop business = verifiedBusiness("@roof_business");
        api.send(
                HttpMethod.PUT,
                "/api/loops/" + business.loopId() + "/task-policy",
                business.secret(),
                "{\"tasks\": {\"quote_request\": {\"inputSchema\": {\"properties\": {\"city\": {\"enum\":"
                        + " [\"Atlanta\"]}}}}}}");

        Response wrongCity = send(agent, QUOTE_REQUEST.formatted("@roof_business", "Boston"));
        Response wrongTask = send(
                agent,
                "{\"type\": \"TASK_REQUEST\", \"to\": \"@roof_business\", \"task\": \"repair\", \"inputs\": {}}");

        assertThat(wrongCity.status()).as("%s", wrongCity).isEqualTo(201);
        assertThat(wrongCity.string("state")).isEqualTo("REJECTED");
        assertThat(((Map<?, ?>) wrongCity.body().get("rejection")).get("code")).isEqualTo("INPUT_NOT_ACCEPTED");
        assertThat(wrongTask.string("state")).isEqualTo("REJECTED");
        assertThat(((Map<?, ?>) wrongTask.body().get("rejection")).get("code")).isEqualTo("TASK_NOT_ACCEPTED");
        Response task = api.get("/api/tasks/" + wrongCity.string("taskId"), agent.secret());
        assertThat(task.string("state")).isEqualTo("REJECTED");
        assertThat(task.string("reason")).contains("city");
    }

    @Test
    void requestToUnreachableBusinessIsRejected() {
        Loop agent = loop("@lost_agent", "developer");
        loop("@plain_business", "business");
        Loop suspended = verifiedBusiness("@closed_business");
        Response suspension = api.send(
                HttpMethod.POST,
                "/api/admin/loops/" + suspended.loopId() + "/suspension",
                TestServers.OPERATOR_TOKEN,
                "{\"reason\": \"audit\"}");
        assertThat(suspension.status()).as("%s", suspension).isEqualTo(200);

        Response unknown = send(agent, QUOTE_REQUEST.formatted("@nobody_here", "Atlanta"));
        Response unverified = send(agent, QUOTE_REQUEST.formatted("@plain_business", "Atlanta"));
        Response closed = send(agent, QUOTE_REQUEST.formatted("@closed_business", "Atlanta"));

        assertThat(unknown.status()).as("%s", unknown).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        assertThat(unverified.status()).as("%s", unverified).isEqualTo(403);
        assertThat(unverified.code()).isEqualTo("BUSINESS_NOT_VERIFIED");
        assertThat(closed.status()).as("%s", closed).isEqualTo(403);
        assertThat(closed.code()).isEqualTo("LOOP_SUSPENDED");
    }

    @Test
    void wrongPartyAndWrongStateGetInvalidState() {
        Loop agent = loop("@eager_agent", "developer");
        Loop business = verifiedBusiness("@eager_business");
        Loop stranger = loop("@nosy_agent", "developer");
        String taskId = send(agent, QUOTE_REQUEST.formatted("@eager_business", "Atlanta"))
                .string("taskId");

        Response agentOffers = send(agent, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 1}");
        Response earlyComplete = send(business, complete(taskId));
        Response strangerCancels = send(stranger, "{\"type\": \"TASK_CANCEL\", \"taskId\": \"" + taskId + "\"}");
        Response strangerReads = api.get("/api/tasks/" + taskId, stranger.secret());

        assertThat(agentOffers.status()).as("%s", agentOffers).isEqualTo(409);
        assertThat(agentOffers.code()).isEqualTo("INVALID_STATE");
        assertThat(agentOffers.string("currentState")).isEqualTo("REQUESTED");
        assertThat(earlyComplete.status()).as("%s", earlyComplete).isEqualTo(409);
        assertThat(earlyComplete.string("currentState")).isEqualTo("REQUESTED");
        assertThat(strangerCancels.status()).as("%s", strangerCancels).isEqualTo(404);
        assertThat(strangerReads.status()).as("%s", strangerReads).isEqualTo(404);
    }

    @Test
    void acceptanceWithoutCreditsFailsAndHoldsNothing() {
        Loop agent = loop("@poor_agent", "developer");
        Loop business = verifiedBusiness("@dear_business");
        String taskId = send(agent, QUOTE_REQUEST.formatted("@dear_business", "Atlanta"))
                .string("taskId");
        send(business, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 50000}");

        Response accepted = send(agent, "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\"}");

        assertThat(accepted.status()).as("%s", accepted).isEqualTo(402);
        assertThat(accepted.code()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(accepted.body().get("required")).isEqualTo(50000);
        assertThat(accepted.body().get("available")).isEqualTo(10000);
        assertThat(api.get("/api/tasks/" + taskId, agent.secret()).string("state"))
                .isEqualTo("OFFERED");
        assertBalances(agent, 10_000, 10_000);
    }

    @Test
    void acceptanceRetriedAfterItsHoldUsesThatHold() {
        Loop agent = loop("@retry_agent", "developer");
        Loop business = verifiedBusiness("@retry_business");
        String taskId = send(agent, QUOTE_REQUEST.formatted("@retry_business", "Atlanta"))
                .string("taskId");
        String offerId = send(business, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 70}")
                .string("id");
        // The hold of a first attempt whose server was killed before it recorded the acceptance.
        commands.sendAndWait(new PlaceHoldCommand(
                CreditAccounts.accountIdOf(agent.loopId()),
                offerId,
                70,
                Instant.now().plus(Duration.ofDays(1)),
                taskId));

        Response accepted = send(agent, "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\"}");

        assertThat(accepted.status()).as("%s", accepted).isEqualTo(201);
        assertThat(accepted.string("state")).isEqualTo("ACCEPTED");
        assertBalances(agent, 10_000, 9_930);
    }

    @Test
    void acceptanceReportsTheBalanceInHeaders() {
        Loop agent = loop("@header_agent", "developer");
        Loop business = verifiedBusiness("@header_business");
        String taskId = send(agent, QUOTE_REQUEST.formatted("@header_business", "Atlanta"))
                .string("taskId");
        send(business, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 120}");

        HttpHeaders headers = client.post()
                .uri("/api/aap/messages")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + agent.secret())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .returnResult(String.class)
                .getResponseHeaders();

        assertThat(headers.getFirst("OpenLoop-Credits-Available")).isEqualTo("9880");
        assertThat(headers.getFirst("OpenLoop-Credits-Charged")).isEqualTo("0");
    }

    @Test
    void offerOfSuspendedBusinessCannotBeAccepted() {
        Loop agent = loop("@wary_agent", "developer");
        Loop business = verifiedBusiness("@fading_business");
        String taskId = send(agent, QUOTE_REQUEST.formatted("@fading_business", "Atlanta"))
                .string("taskId");
        send(business, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 5}");
        Response suspension = api.send(
                HttpMethod.POST,
                "/api/admin/loops/" + business.loopId() + "/suspension",
                TestServers.OPERATOR_TOKEN,
                "{\"reason\": \"audit\"}");
        assertThat(suspension.status()).as("%s", suspension).isEqualTo(200);

        Response accepted = send(agent, "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\"}");

        assertThat(accepted.status()).as("%s", accepted).isEqualTo(403);
        assertThat(accepted.code()).isEqualTo("LOOP_SUSPENDED");
        assertBalances(agent, 10_000, 10_000);
    }

    @Test
    void testKeysNeitherReadNorChangeTasks() {
        Loop agent = loop("@sandbox_agent", "developer");
        verifiedBusiness("@sandbox_business");
        String taskId = send(agent, QUOTE_REQUEST.formatted("@sandbox_business", "Atlanta"))
                .string("taskId");
        Map<String, Object> testKey = api.issuedKey(
                agent.loopId(),
                agent.secret(),
                "sandbox",
                List.of("aap:send", "aap:read", "contract:read", "contract:write"),
                ", \"mode\": \"test\"");
        String secret = (String) testKey.get("secret");

        Response read = api.get("/api/tasks/" + taskId, secret);
        Response inbox = api.get("/api/aap/inbox", secret);
        Response amend = api.send(
                HttpMethod.POST, "/api/contracts/" + taskId + "/amendments", secret, "{\"terms\": \"new terms\"}");

        assertThat(read.status()).as("%s", read).isEqualTo(403);
        assertThat(read.code()).isEqualTo("SANDBOX_ONLY");
        assertThat(inbox.code()).as("%s", inbox).isEqualTo("SANDBOX_ONLY");
        assertThat(amend.code()).as("%s", amend).isEqualTo("SANDBOX_ONLY");
    }

    @Test
    void emptyUpdateAndScriptUriAreInvalid() {
        Loop agent = loop("@strict_agent", "developer");
        Loop business = verifiedBusiness("@strict_business");
        String taskId = send(agent, QUOTE_REQUEST.formatted("@strict_business", "Atlanta"))
                .string("taskId");
        send(business, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 0}");
        send(agent, "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\"}");

        Response empty = send(business, "{\"type\": \"TASK_UPDATE\", \"taskId\": \"" + taskId + "\"}");
        Response script =
                send(business, complete(taskId).replace("https://example.org/quote.pdf", "javascript:alert(1)"));

        assertThat(empty.status()).as("%s", empty).isEqualTo(400);
        assertThat(empty.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(script.status()).as("%s", script).isEqualTo(400);
        assertThat(script.string("message")).contains("uri");
        assertThat(api.get("/api/tasks/" + taskId, agent.secret()).string("state"))
                .isEqualTo("ACCEPTED");
    }

    @Test
    void cancellationReleasesTheHold() {
        Loop agent = loop("@fickle_agent", "developer");
        Loop business = verifiedBusiness("@patient_business");
        String taskId = send(agent, QUOTE_REQUEST.formatted("@patient_business", "Atlanta"))
                .string("taskId");
        send(business, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 250}");
        assertThat(send(agent, "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\"}")
                        .status())
                .isEqualTo(201);
        assertBalances(agent, 10_000, 9_750);

        Response cancelled = send(
                agent, "{\"type\": \"TASK_CANCEL\", \"taskId\": \"" + taskId + "\", \"reason\": \"plans changed\"}");

        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(201);
        assertThat(cancelled.string("state")).isEqualTo("CANCELLED");
        assertBalances(agent, 10_000, 10_000);
        assertBalances(business, 10_000, 10_000);
    }

    @Test
    void refundedDisputeReturnsThePriceWithNewEntries() {
        Loop agent = loop("@picky_agent", "developer");
        Loop business = verifiedBusiness("@sloppy_business");
        String taskId = settledTask(agent, business, "@sloppy_business", 400);
        assertBalances(agent, 9_600, 9_600);

        Response disputed =
                send(agent, "{\"type\": \"TASK_DISPUTE\", \"taskId\": \"" + taskId + "\", \"reason\": \"no quote\"}");
        assertThat(disputed.string("state")).as("%s", disputed).isEqualTo("DISPUTED");
        Response resolved = api.send(
                HttpMethod.POST,
                "/api/admin/tasks/" + taskId + "/resolution",
                TestServers.OPERATOR_TOKEN,
                "{\"resolution\": \"REFUNDED\", \"note\": \"no quote was delivered\"}");

        assertThat(resolved.status()).as("%s", resolved).isEqualTo(200);
        assertThat(resolved.string("state")).isEqualTo("REFUNDED");
        assertBalances(agent, 10_000, 10_000);
        assertBalances(business, 10_000, 10_000);
        Response entries = api.get("/api/loops/" + business.loopId() + "/credits/entries", business.secret());
        assertThat(items(entries)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void taskStreamOrdersStatesAndResumes() {
        Loop agent = loop("@watch_agent", "developer");
        Loop business = verifiedBusiness("@watched_business");
        String taskId = settledTask(agent, business, "@watched_business", 10);

        List<ServerSentEvent<Map<String, Object>>> all = stream(taskId, agent.secret(), null, 6);
        List<String> states = new ArrayList<>();
        for (ServerSentEvent<Map<String, Object>> event : all) {
            states.add((String) event.data().get("state"));
        }
        assertThat(states).containsExactly("REQUESTED", "OFFERED", "ACCEPTED", "IN_PROGRESS", "COMPLETED", "SETTLED");
        assertThat(all).extracting(ServerSentEvent::id).containsExactly("0", "1", "2", "3", "4", "5");
        assertThat(actorOf(all.get(0))).containsEntry("actorLoopId", agent.loopId());
        assertThat(actorOf(all.get(0))).containsEntry("actorType", "key");
        assertThat(actorOf(all.get(1))).containsEntry("actorLoopId", business.loopId());
        assertThat(all)
                .allSatisfy(event -> assertThat(event.data().get("occurredAt")).isNotNull());

        List<ServerSentEvent<Map<String, Object>>> resumed = stream(taskId, agent.secret(), "2", 3);
        assertThat(resumed).extracting(ServerSentEvent::id).containsExactly("3", "4", "5");
        assertThat(resumed.get(0).data().get("state")).isEqualTo("IN_PROGRESS");
    }

    @Test
    void inboxStreamCarriesTheLoopsTasksAndResumes() {
        Loop agent = loop("@inbox_agent", "developer");
        Loop business = verifiedBusiness("@inbox_business");
        // A task with another business: the inbox stream of @inbox_business must leave it out.
        verifiedBusiness("@other_business");
        send(agent, QUOTE_REQUEST.formatted("@other_business", "Atlanta"));
        String taskId = send(agent, QUOTE_REQUEST.formatted("@inbox_business", "Atlanta"))
                .string("taskId");
        send(business, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 5}");

        List<ServerSentEvent<Map<String, Object>>> all =
                events("/api/aap/inbox/stream?lastEventId=0", business.secret(), null, 2);
        assertThat(all).extracting(event -> event.data().get("taskId")).containsOnly(taskId);
        assertThat(all).extracting(ServerSentEvent::event).containsExactly("TaskRequested", "OfferMade");
        assertThat(all.get(1).data().get("state")).isEqualTo("OFFERED");
        long first = Long.parseLong(all.get(0).id());
        long second = Long.parseLong(all.get(1).id());
        assertThat(second).isGreaterThan(first);

        List<ServerSentEvent<Map<String, Object>>> resumed =
                events("/api/aap/inbox/stream", business.secret(), all.get(0).id(), 1);
        assertThat(resumed.get(0).id()).isEqualTo(all.get(1).id());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> actorOf(ServerSentEvent<Map<String, Object>> event) {
        return (Map<String, Object>) event.data().get("actor");
    }

    private List<ServerSentEvent<Map<String, Object>>> stream(String taskId, String secret, String lastId, int count) {
        return events("/api/tasks/" + taskId + "/stream", secret, lastId, count);
    }

    private List<ServerSentEvent<Map<String, Object>>> events(String path, String secret, String lastId, int count) {
        WebTestClient.RequestHeadersSpec<?> request = client.get()
                .uri(path)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + secret);
        if (lastId != null) {
            request = request.header("Last-Event-ID", lastId);
        }
        List<ServerSentEvent<Map<String, Object>>> events = request.exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
                .getResponseBody()
                .filter(event -> event.data() != null)
                .take(count)
                .collectList()
                .block(Duration.ofSeconds(30));
        assertThat(events).hasSize(count);
        return events;
    }

    private String settledTask(Loop agent, Loop business, String handle, long price) {
        String taskId = send(agent, QUOTE_REQUEST.formatted(handle, "Atlanta")).string("taskId");
        send(business, "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": " + price + "}");
        assertThat(send(agent, "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\"}")
                        .status())
                .isEqualTo(201);
        send(business, update(taskId, "started"));
        assertThat(send(business, complete(taskId)).status()).isEqualTo(201);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/tasks/" + taskId, agent.secret()).string("state"), "SETTLED"::equals);
        return taskId;
    }

    private void assertBalances(Loop loop, long balance, long available) {
        Response account = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/api/loops/" + loop.loopId() + "/credits", loop.secret()),
                        reply ->
                                Long.valueOf(balance).equals(number(reply.body().get("balance")))
                                        && Long.valueOf(available)
                                                .equals(number(reply.body().get("available"))));
        assertThat(account.status()).isEqualTo(200);
    }

    private Response send(Loop sender, String message) {
        return api.send(HttpMethod.POST, "/api/aap/messages", sender.secret(), message);
    }

    private static String update(String taskId, String message) {
        return "{\"type\": \"TASK_UPDATE\", \"taskId\": \"" + taskId + "\", \"message\": \"" + message + "\"}";
    }

    private static String complete(String taskId) {
        Instant now = Instant.now();
        return "{\"type\": \"TASK_COMPLETE\", \"taskId\": \"" + taskId + "\", \"result\": {\"quote\": 8200},"
                + " \"proofs\": [{\"kind\": \"document\", \"uri\": \"https://example.org/quote.pdf\", \"sha256\": \""
                + SHA + "\", \"capturedAt\": \"" + now + "\"}]}";
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

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Response response) {
        Object items = response.body().get("items");
        return items instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static Long number(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }
}
