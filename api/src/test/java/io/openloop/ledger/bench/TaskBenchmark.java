package io.openloop.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.bench.ServerProbe.Snapshot;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives complete AAP conversations through the HTTP API of a running server and prints throughput, the latency of
 * each message type, the time from completion to settlement, store commands and server CPU time per conversation.
 *
 * <p>A conversation is {@code TASK_REQUEST} (agent), {@code TASK_OFFER} at 1 credit (business), {@code OFFER_ACCEPT}
 * (agent, which places the hold) and {@code TASK_COMPLETE} with one evidenced proof (business), then reads of
 * {@code GET /api/tasks/{id}} as the agent, 10 ms apart, until the task is {@code SETTLED}. The business replies to the
 * request by its task id at once and does not read its inbox. Phases and their timing are those of
 * {@link LoadPhases}. With {@code --store-uri}, the settlement's hops are read from the event store after the run
 * ({@link SettlementTrace}).
 *
 * <p>The server, its store and their settings are the caller's. {@code scripts/bench-tasks.sh} starts them with
 * production settings.
 */
public final class TaskBenchmark {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final long POLL_INTERVAL_NANOS = 10_000_000;
    private static final long SETTLE_TIMEOUT_NANOS = 60_000_000_000L;
    private static final String STORE_DATABASE = "openloop";

    private final BenchHttp http;
    private final ServerProbe probe;
    private final String adminToken;
    private final int readKeys;
    private final String storeUri;
    private final List<PhaseWindow> phases = new ArrayList<>();

    private TaskBenchmark(BenchHttp http, ServerProbe probe, String adminToken, int readKeys, String storeUri) {
        this.http = http;
        this.probe = probe;
        this.adminToken = adminToken;
        this.readKeys = readKeys;
        this.storeUri = storeUri;
    }

    /** The label and the wall-clock span of a measured phase. */
    private record PhaseWindow(String label, Instant start, Instant end) {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        int workers = options.integer("--workers", 4, 16);
        int warmup = options.integer("--warmup-seconds", 5, 20);
        int duration = options.integer("--seconds", 10, 60);
        // A pro key allows 600 requests a minute, and a worker polls up to 100 times a second while a task settles.
        int readKeys = options.integer("--read-keys", 8, 8);
        BenchHttp http = options.http();
        TaskBenchmark bench = new TaskBenchmark(
                http, options.probe(http), options.adminToken(), readKeys, options.text("--store-uri"));
        bench.run(workers, warmup, duration);
    }

    private void run(int workers, int warmupSeconds, int seconds) throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
        System.out.printf(
                Locale.ROOT,
                "setting up %d agent loops with %d read keys each and %d verified business loops (run %s)%n",
                workers,
                readKeys,
                workers,
                run);
        List<Parties> parties = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            parties.add(setUp(run, i));
        }
        new LoadPhases<>(parties, Stats::new, this::converse, probe)
                .run(warmupSeconds, seconds, "conversations", this::report);
        System.out.printf(Locale.ROOT, "%nrate-limited responses (429, retried)  %d%n", http.rateLimitedResponses());

        if (storeUri == null) {
            System.out.println("note: no --store-uri, so the settlement hops are not traced");
            return;
        }
        SettlementTrace trace = SettlementTrace.read(storeUri, STORE_DATABASE);
        for (PhaseWindow phase : phases) {
            trace.print(phase.label(), phase.start(), phase.end());
        }
    }

    private void report(String label, Stats stats, int seconds, Snapshot before, Snapshot after) {
        Instant end = Instant.now();
        phases.add(new PhaseWindow(label, end.minusSeconds(seconds), end));

        long conversations = stats.cycles.count();
        stats.printHeading(label, "conversations settled", seconds);
        System.out.printf(Locale.ROOT, "load average at the end %s%n", ServerProbe.loadAverage());

        stats.cycles.print("whole conversation ms", null);
        stats.request.print("TASK_REQUEST ms", null);
        stats.offer.print("TASK_OFFER ms", null);
        stats.accept.print("OFFER_ACCEPT ms", null);
        stats.complete.print("TASK_COMPLETE ms", null);

        stats.untilSettled.print("until SETTLED ms", "from the completion's response to the first read that shows it");
        stats.settledInStore.print(
                "settlement in store ms", "server clock: the completion's createdAt to the task's settledAt");
        stats.reads.print("task read ms", "each GET /api/tasks/{id}, read-model wait included");
        System.out.printf(
                Locale.ROOT,
                "task reads per conversation  %.2f%n",
                stats.reads.count() / (double) Math.max(1, conversations));

        probe.printCosts("conversation", conversations, seconds, before, after);
    }

    /** One worker's loops: an agent with its keys for reading tasks, and a verified business. */
    private record Parties(String businessHandle, String agentSecret, String businessSecret, List<String> readSecrets) {

        String nextReadSecret(AtomicInteger turn) {
            return readSecrets.get(Math.floorMod(turn.getAndIncrement(), readSecrets.size()));
        }
    }

    private Parties setUp(String run, int index) throws IOException, InterruptedException {
        String businessHandle = "@tb_" + run + "_" + index;
        JsonNode business = register(businessHandle, "business");
        String businessId = business.path("loopId").asText();
        String businessSecret = business.path("ownerKey").path("secret").asText();
        http.send(
                "POST",
                "/api/loops/" + businessId + "/business-identity",
                businessSecret,
                "{\"legalName\": \"Bench Roofing " + index + " LLC\", \"website\": \"https://example.org\","
                        + " \"contactEmail\": \"owner@example.org\", \"serviceArea\": [\"Atlanta\"]}",
                200);
        http.send(
                "POST",
                "/api/admin/loops/" + businessId + "/verification",
                adminToken,
                "{\"decision\": \"verified\"}",
                200);
        http.send(
                "PUT",
                "/api/loops/" + businessId + "/task-policy",
                businessSecret,
                "{\"tasks\": {\"quote_request\": {\"inputSchema\": {\"type\": \"object\","
                        + " \"required\": [\"city\"]}}}}",
                200);

        JsonNode agent = register("@ta_" + run + "_" + index, "developer");
        String agentId = agent.path("loopId").asText();
        String agentSecret = agent.path("ownerKey").path("secret").asText();
        List<String> readSecrets = new ArrayList<>();
        for (int i = 0; i < readKeys; i++) {
            JsonNode key = http.send(
                    "POST",
                    "/api/loops/" + agentId + "/keys",
                    agentSecret,
                    "{\"name\": \"reader " + i + "\", \"scopes\": [\"aap:read\"]}",
                    201);
            readSecrets.add(key.path("secret").asText());
        }
        return new Parties(businessHandle, agentSecret, businessSecret, List.copyOf(readSecrets));
    }

    private JsonNode register(String handle, String kind) throws IOException, InterruptedException {
        return http.send(
                "POST",
                "/api/developer/loops",
                adminToken,
                "{\"handle\": \"" + handle + "\", \"displayName\": \"bench " + kind + "\", \"plan\": \"pro\","
                        + " \"kind\": \"" + kind + "\"}",
                201);
    }

    private void converse(Parties parties, Stats stats, long scheduledNanos) {
        try {
            Conversation conversation = new Conversation();
            long t0 = System.nanoTime();
            JsonNode requested = message(
                    parties.agentSecret(),
                    "{\"type\": \"TASK_REQUEST\", \"to\": \"" + parties.businessHandle() + "\","
                            + " \"task\": \"quote_request\", \"inputs\": {\"city\": \"Atlanta\"}}",
                    "REQUESTED");
            long t1 = System.nanoTime();
            String taskId = requested.path("taskId").asText();

            JsonNode offered = message(
                    parties.businessSecret(),
                    "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 1,"
                            + " \"terms\": \"Written roof quote\"}",
                    "OFFERED");
            long t2 = System.nanoTime();

            message(
                    parties.agentSecret(),
                    "{\"type\": \"OFFER_ACCEPT\", \"taskId\": \"" + taskId + "\", \"offerId\": \""
                            + offered.path("id").asText() + "\"}",
                    "ACCEPTED");
            long t3 = System.nanoTime();

            String now = Instant.now().toString();
            JsonNode completed = message(
                    parties.businessSecret(),
                    "{\"type\": \"TASK_COMPLETE\", \"taskId\": \"" + taskId + "\", \"result\": {\"quote\": 8200},"
                            + " \"proofs\": [{\"kind\": \"document\", \"uri\": \"https://example.org/quote.pdf\","
                            + " \"sha256\": \"" + SHA + "\", \"capturedAt\": \"" + now + "\"}]}",
                    null);
            long t4 = System.nanoTime();
            Instant completedAt = Instant.parse(completed.path("createdAt").asText());

            JsonNode settled = awaitSettled(parties, taskId, conversation);
            long t5 = System.nanoTime();
            Instant settledAt = Instant.parse(settled.path("updatedAt").asText());

            conversation.cycle = t5 - scheduledNanos;
            conversation.request = t1 - t0;
            conversation.offer = t2 - t1;
            conversation.accept = t3 - t2;
            conversation.complete = t4 - t3;
            conversation.untilSettled = t5 - t4;
            conversation.settledInStore =
                    Duration.between(completedAt, settledAt).toNanos();
            stats.record(conversation);
        } catch (Exception e) {
            stats.error(e);
        }
    }

    /**
     * Sends one AAP message and returns the response.
     *
     * @param expectedState the task state the response must report, or null for any
     */
    private JsonNode message(String secret, String body, String expectedState)
            throws IOException, InterruptedException {
        JsonNode sent = http.send("POST", "/api/aap/messages", secret, body, 201);
        String state = sent.path("state").asText();
        if (expectedState != null && !expectedState.equals(state)) {
            throw new IllegalStateException("expected state " + expectedState + " but the server returned " + sent);
        }
        return sent;
    }

    private JsonNode awaitSettled(Parties parties, String taskId, Conversation conversation)
            throws IOException, InterruptedException {
        AtomicInteger turn = new AtomicInteger(
                ThreadLocalRandom.current().nextInt(parties.readSecrets().size()));
        long start = System.nanoTime();
        while (true) {
            long before = System.nanoTime();
            JsonNode task = http.send("GET", "/api/tasks/" + taskId, parties.nextReadSecret(turn), null, 200);
            conversation.reads.add(System.nanoTime() - before);
            if ("SETTLED".equals(task.path("state").asText())) {
                return task;
            }
            if (System.nanoTime() - start > SETTLE_TIMEOUT_NANOS) {
                throw new IllegalStateException(
                        "task " + taskId + " did not settle within 60 s; last read: " + task.path("state"));
            }
            LoadPhases.sleepNanos(POLL_INTERVAL_NANOS);
        }
    }

    /** The latencies of one conversation, in nanoseconds. */
    private static final class Conversation {

        long cycle;
        long request;
        long offer;
        long accept;
        long complete;
        long untilSettled;
        long settledInStore;
        final List<Long> reads = new ArrayList<>();
    }

    /** Latency recordings of one phase, shared by its workers. */
    private static final class Stats extends PhaseStats {

        final Latencies request = new Latencies();
        final Latencies offer = new Latencies();
        final Latencies accept = new Latencies();
        final Latencies complete = new Latencies();
        final Latencies untilSettled = new Latencies();
        final Latencies settledInStore = new Latencies();
        final Latencies reads = new Latencies();

        synchronized void record(Conversation conversation) {
            cycles.add(conversation.cycle);
            request.add(conversation.request);
            offer.add(conversation.offer);
            accept.add(conversation.accept);
            complete.add(conversation.complete);
            untilSettled.add(conversation.untilSettled);
            settledInStore.add(conversation.settledInStore);
            for (long read : conversation.reads) {
                reads.add(read);
            }
        }
    }
}
