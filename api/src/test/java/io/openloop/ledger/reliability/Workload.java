package io.openloop.ledger.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.reliability.AckLog.Expected;
import io.openloop.ledger.reliability.LedgerClient.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mixed load of ledger requests from several workers, each with its own agent, provider and business loops. Every
 * acknowledged request goes to the {@link AckLog} with the events it promises. A request rejected with a 4xx is
 * counted by its code and not acknowledged; a conversation or invocation whose step was rejected is abandoned.
 */
final class Workload {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final int MAX_CHILDREN = 3;

    private final LedgerClient client;
    private final String adminToken;
    private final AckLog acks;
    private final String run;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong operations = new AtomicLong();
    private final Map<String, AtomicLong> rejections = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch setUp = new CountDownLatch(1);
    private final AtomicInteger workersSetUp = new AtomicInteger();
    private int workerCount;
    private final List<Throwable> failures = new ArrayList<>();
    /** Loop ids of every loop the load registered, with a key that may read its credits. */
    private final Map<String, String> loopReaders = new ConcurrentHashMap<>();
    /** Task ids whose completion was acknowledged, so their settlement is due. */
    private final List<String> completedTasks = new ArrayList<>();

    Workload(LedgerClient client, String adminToken, AckLog acks) {
        this.client = client;
        this.adminToken = adminToken;
        this.acks = acks;
        this.run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    }

    /** The loops of one worker. */
    private static final class Parties {
        String agentId;
        String agentSecret;
        String providerSecret;
        String toolName;
        String businessHandle;
        String businessSecret;
        final List<String> children = new ArrayList<>();
    }

    /** Starts {@code workers} threads; each registers its loops, then sends requests until {@link #stop()}. */
    void start(int workers) {
        workerCount = workers;
        for (int i = 0; i < workers; i++) {
            int index = i;
            Thread thread = new Thread(() -> work(index), "load-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Waits until every worker registered its loops. A kill during the set-up could leave a registration whose
     * response was lost, and its retry would find the handle taken, so faults start after it.
     */
    void awaitSetUp() throws InterruptedException {
        setUp.await();
    }

    /** Stops the workers after their current operation and waits for them. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    long operations() {
        return operations.get();
    }

    Map<String, Long> rejections() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        rejections.forEach((code, count) -> copy.put(code, count.get()));
        return copy;
    }

    synchronized List<Throwable> failures() {
        return List.copyOf(failures);
    }

    Map<String, String> loopReaders() {
        return Map.copyOf(loopReaders);
    }

    synchronized List<String> completedTasks() {
        return List.copyOf(completedTasks);
    }

    private void work(int index) {
        try {
            Parties parties;
            try {
                parties = setUp(index);
            } finally {
                if (workersSetUp.incrementAndGet() == workerCount) {
                    setUp.countDown();
                }
            }
            while (running.get()) {
                int pick = ThreadLocalRandom.current().nextInt(100);
                if (pick < 30) {
                    invoke(parties);
                } else if (pick < 60) {
                    converse(parties);
                } else if (pick < 75) {
                    transfer(parties);
                } else if (pick < 85) {
                    grant(parties);
                } else if (pick < 95) {
                    issueKey(parties);
                } else {
                    publishTool(parties, "t" + operations.get());
                }
                operations.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            synchronized (this) {
                failures.add(e);
            }
            System.out.println("worker " + index + " stopped: " + e);
        }
    }

    private Parties setUp(int index) throws InterruptedException {
        Parties parties = new Parties();
        JsonNode agent = register("@ca_" + run + "_" + index, "developer");
        parties.agentId = agent.path("loopId").asText();
        parties.agentSecret = agent.path("ownerKey").path("secret").asText();

        JsonNode provider = register("@cp_" + run + "_" + index, "developer");
        parties.providerSecret = provider.path("ownerKey").path("secret").asText();
        parties.toolName = publishTool(parties, "crash_tool");

        parties.businessHandle = "@cb_" + run + "_" + index;
        JsonNode business = register(parties.businessHandle, "business");
        String businessId = business.path("loopId").asText();
        parties.businessSecret = business.path("ownerKey").path("secret").asText();
        required(
                "POST",
                "/api/loops/" + businessId + "/business-identity",
                parties.businessSecret,
                "{\"legalName\": \"Crash Roofing " + index + " LLC\", \"website\": \"https://example.org\","
                        + " \"contactEmail\": \"owner@example.org\", \"serviceArea\": [\"Atlanta\"]}",
                200);
        required(
                "POST",
                "/api/admin/loops/" + businessId + "/verification",
                adminToken,
                "{\"decision\": \"verified\"}",
                200);
        required(
                "PUT",
                "/api/loops/" + businessId + "/task-policy",
                parties.businessSecret,
                "{\"tasks\": {\"quote_request\": {\"inputSchema\": {\"type\": \"object\","
                        + " \"required\": [\"city\"]}}}}",
                200);
        return parties;
    }

    private JsonNode register(String handle, String kind) throws InterruptedException {
        JsonNode loop = required(
                "POST",
                "/api/developer/loops",
                adminToken,
                "{\"handle\": \"" + handle + "\", \"displayName\": \"crash " + kind + "\", \"plan\": \"pro\","
                        + " \"kind\": \"" + kind + "\"}",
                201);
        String loopId = loop.path("loopId").asText();
        loopReaders.put(loopId, loop.path("ownerKey").path("secret").asText());
        acks.add(
                "loop registered",
                Map.of("loopId", loopId),
                Expected.inStream("LoopRegisteredEvent", loopId),
                Expected.inStream("CreditAccountOpenedEvent", "acct_" + loopId.substring("loop_".length())));
        return loop;
    }

    private String publishTool(Parties parties, String name) throws InterruptedException {
        String body = "{\"name\": \"" + name + "\", \"description\": \"Finds roofing leads for the crash harness.\","
                + " \"category\": \"sales_revenue_ops\", \"riskLevel\": \"low\", \"requiresApprovalDefault\": false,"
                + " \"expectedProofs\": [\"source_url\"], \"inputSchema\": {\"type\": \"object\"},"
                + " \"outputSchema\": {\"type\": \"object\"}, \"providerType\": \"custom_connector\","
                + " \"visibility\": \"marketplace\", \"version\": \"1.0.0\", \"price\": 2}";
        Reply reply = client.send("POST", "/api/developer/tools/manifest", parties.providerSecret, body);
        if (!accepted(reply, 201, "tool publish")) {
            return parties.toolName;
        }
        String toolId = reply.body().path("toolId").asText();
        acks.add(
                "tool published",
                Map.of("toolId", toolId),
                new Expected("ToolVersionPublishedEvent", null, toolId, false));
        return reply.body().path("toolName").asText();
    }

    private void invoke(Parties parties) throws InterruptedException {
        Reply invoked = client.send(
                "POST",
                "/api/tools/invoke",
                parties.agentSecret,
                "{\"tool\": \"" + parties.toolName
                        + "\", \"executionMode\": \"guided\", \"input\": {\"city\": \"A\"}}");
        if (!accepted(invoked, 201, "invoke")) {
            return;
        }
        String invocationId = invoked.body().path("invocationId").asText();
        acks.add(
                "invocation requested",
                Map.of("invocationId", invocationId),
                Expected.inStream("InvocationRequestedEvent", invocationId));

        boolean succeed = ThreadLocalRandom.current().nextInt(10) < 7;
        String now = Instant.now().toString();
        String body = succeed
                ? "{\"status\": \"succeeded\", \"output\": {\"leads\": 3}, \"proofs\": [{\"kind\": \"source_url\","
                        + " \"uri\": \"https://example.org/dentists\", \"capturedAt\": \"" + now + "\","
                        + " \"sha256\": \"" + SHA + "\"}]}"
                : "{\"status\": \"failed\", \"error\": \"the source was unreachable\"}";
        Reply result =
                client.send("POST", "/api/invocations/" + invocationId + "/result", parties.providerSecret, body);
        if (!accepted(result, 200, "invocation result")) {
            return;
        }
        String eventType = succeed ? "InvocationSucceededEvent" : "InvocationFailedEvent";
        acks.add(
                "invocation completed",
                Map.of("invocationId", invocationId),
                new Expected(eventType, invocationId, null, true),
                new Expected(succeed ? "HoldCapturedEvent" : "HoldReleasedEvent", null, invocationId, true));
    }

    private void converse(Parties parties) throws InterruptedException {
        Reply requested = message(
                parties.agentSecret,
                "{\"type\": \"TASK_REQUEST\", \"to\": \"" + parties.businessHandle + "\","
                        + " \"task\": \"quote_request\", \"inputs\": {\"city\": \"Atlanta\"}}");
        if (!accepted(requested, 201, "TASK_REQUEST")) {
            return;
        }
        String taskId = requested.body().path("taskId").asText();
        acks.add("task requested", Map.of("taskId", taskId), Expected.inStream("TaskRequestedEvent", taskId));

        Reply offered = message(
                parties.businessSecret,
                "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 3,"
                        + " \"terms\": \"Written roof quote\"}");
        if (!accepted(offered, 201, "TASK_OFFER")) {
            return;
        }
        acks.add("task offered", Map.of("taskId", taskId), Expected.inStream("OfferMadeEvent", taskId));

        Reply accepted = message(
                parties.agentSecret,
                "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\", \"offerId\": \""
                        + offered.body().path("id").asText() + "\"}");
        if (!accepted(accepted, 201, "OFFER_ACCEPT")) {
            return;
        }
        acks.add(
                "offer accepted",
                Map.of("taskId", taskId),
                Expected.inStream("OfferAcceptedEvent", taskId),
                new Expected("CreditsHeldEvent", null, taskId, true));

        String now = Instant.now().toString();
        Reply completed = message(
                parties.businessSecret,
                "{\"type\": \"TASK_COMPLETE\", \"taskId\": \"" + taskId + "\", \"result\": {\"quote\": 8200},"
                        + " \"proofs\": [{\"kind\": \"document\", \"uri\": \"https://example.org/quote.pdf\","
                        + " \"sha256\": \"" + SHA + "\", \"capturedAt\": \"" + now + "\"}]}");
        if (!accepted(completed, 201, "TASK_COMPLETE")) {
            return;
        }
        acks.add(
                "task completed",
                Map.of("taskId", taskId),
                Expected.inStream("TaskCompletedEvent", taskId),
                new Expected("TaskSettledEvent", taskId, null, true),
                new Expected("HoldCapturedEvent", null, taskId, true));
        synchronized (this) {
            completedTasks.add(taskId);
        }
    }

    private Reply message(String secret, String body) throws InterruptedException {
        return client.send("POST", "/api/aap/messages", secret, body);
    }

    private void transfer(Parties parties) throws InterruptedException {
        if (parties.children.size() < MAX_CHILDREN) {
            String handle = "@cc_" + run + "_"
                    + parties.agentId.substring(parties.agentId.length() - 6).toLowerCase() + "_"
                    + parties.children.size();
            Reply child = client.send(
                    "POST",
                    "/api/loops/" + parties.agentId + "/children",
                    parties.agentSecret,
                    "{\"handle\": \"" + handle + "\", \"displayName\": \"crash child\"}");
            if (!accepted(child, 201, "child registration")) {
                return;
            }
            String childId = child.body().path("loopId").asText();
            parties.children.add(childId);
            loopReaders.put(childId, parties.agentSecret);
            acks.add(
                    "child loop registered",
                    Map.of("loopId", childId),
                    Expected.inStream("ChildLoopRegisteredEvent", childId));
            return;
        }
        String childId = parties.children.get(ThreadLocalRandom.current().nextInt(parties.children.size()));
        String memo = "crash-transfer-" + run + "-" + operations.incrementAndGet();
        Reply sent = client.send(
                "POST",
                "/api/loops/" + parties.agentId + "/credits/transfers",
                parties.agentSecret,
                "{\"toLoopId\": \"" + childId + "\", \"amount\": 1, \"memo\": \"" + memo + "\"}");
        if (!accepted(sent, 201, "transfer")) {
            return;
        }
        acks.add(
                "credits transferred",
                Map.of("from", parties.agentId, "to", childId, "memo", memo),
                Expected.once("CreditsTransferredEvent", null, memo));
    }

    private void grant(Parties parties) throws InterruptedException {
        String reason = "crash-grant-" + run + "-" + operations.incrementAndGet();
        Reply granted = client.send(
                "POST",
                "/api/admin/credits/grants",
                adminToken,
                "{\"loopId\": \"" + parties.agentId + "\", \"amount\": 5, \"reason\": \"" + reason + "\"}");
        if (!accepted(granted, 201, "grant")) {
            return;
        }
        acks.add(
                "credits granted",
                Map.of("loopId", parties.agentId),
                Expected.once("CreditsGrantedEvent", null, reason));
    }

    private void issueKey(Parties parties) throws InterruptedException {
        String name = "crash-key-" + run + "-" + operations.incrementAndGet();
        Reply issued = client.send(
                "POST",
                "/api/loops/" + parties.agentId + "/keys",
                parties.agentSecret,
                "{\"name\": \"" + name + "\", \"scopes\": [\"aap:read\"]}");
        if (!accepted(issued, 201, "key issue")) {
            return;
        }
        String keyId = issued.body().path("keyId").asText();
        acks.add("key issued", Map.of("keyId", keyId), Expected.once("ApiKeyIssuedEvent", null, keyId));
    }

    private JsonNode required(String method, String path, String token, String body, int expected)
            throws InterruptedException {
        Reply reply = client.send(method, path, token, body);
        if (!reply.is(expected)) {
            throw new IllegalStateException(
                    "set-up request " + method + " " + path + " answered " + reply.status() + ": " + reply.text());
        }
        return reply.body();
    }

    /** Returns whether the reply has the expected status; otherwise counts its error code as a rejection. */
    private boolean accepted(Reply reply, int expected, String what) {
        if (reply.is(expected)) {
            return true;
        }
        String code = what + " " + reply.status() + " " + reply.code();
        rejections.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
        return false;
    }
}
