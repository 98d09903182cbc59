package io.openloop.ledger.reliability;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.reliability.LedgerClient.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.LoggerFactory;

/**
 * Runs two server nodes on one embedded store process and checks that they share the work. Both claim processor
 * segments, and a task stream opened on node A shows a message sent to node B. Node B is then killed with SIGKILL
 * mid-load, and node A must take over its segments with nothing acknowledged skipped or applied twice. The checks
 * after the load are those of the crash harness ({@link InvariantChecks} and {@link RebuildCheck}).
 *
 * <p>Usage: {@code TwoNodes --jar=FILE --work=DIR [--seconds=S] [--workers=N] [--quick]}. Exits 1 on a violation
 * and 2 when the harness itself failed.
 */
public final class TwoNodes {

    private static final String ADMIN_TOKEN = "two-nodes-operator-token-0123456789abcdef0123";
    private static final String KEY_SECRET = "two-nodes-key-secret-0123456789abcdef0123456789";
    private static final Duration HEAD_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(15);

    private TwoNodes() {}

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.mongodb.driver")).setLevel(Level.WARN);
        Map<String, String> options = Harness.options(args);
        boolean quick = options.containsKey("--quick");
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", quick ? "20" : "60"));
        int workers = Integer.parseInt(options.getOrDefault("--workers", "4"));
        Path jar = Path.of(options.getOrDefault("--jar", "api/target/openloop-ledger.jar"));
        Path work = Path.of(options.getOrDefault("--work", "api/target/two-nodes"));
        try {
            int violations = run(jar, work, seconds, workers);
            System.exit(violations == 0 ? 0 : 1);
        } catch (RuntimeException | IOException e) {
            e.printStackTrace(System.out);
            System.exit(2);
        }
    }

    private static int run(Path jar, Path work, int seconds, int workers) throws IOException, InterruptedException {
        Harness.deleteTree(work);
        Files.createDirectories(work);
        Path storeData = work.resolve("store");
        int storePort = Harness.freePort();
        Process store = startStore(jar, storeData, storePort, work.resolve("store.log"));
        String storeUri = "mongodb://127.0.0.1:" + storePort;
        ServerNode nodeA = node("node-a", jar, storeUri, work);
        ServerNode nodeB = node("node-b", jar, storeUri, work);
        List<String> violations = new ArrayList<>();
        try {
            // Both nodes start at once, so that both find unclaimed segments: a pooled processor claims every free
            // segment and gives none back while it runs, so a node started later would find none.
            CompletableFuture<Long> startB = CompletableFuture.supplyAsync(() -> start(nodeB));
            long startedA = start(nodeA);
            long startedB = startB.join();
            System.out.printf(
                    Locale.ROOT,
                    "store on port %d; node A started in %d ms, node B in %d ms; %d cores%n",
                    storePort,
                    startedA,
                    startedB,
                    Runtime.getRuntime().availableProcessors());

            LedgerClient both = new LedgerClient(List.of(nodeA.baseUrl(), nodeB.baseUrl()));
            LedgerClient onA = new LedgerClient(List.of(nodeA.baseUrl()));
            LedgerClient onB = new LedgerClient(List.of(nodeB.baseUrl()));
            violations.addAll(checkStreamAcrossNodes(onA, onB, nodeA));

            try (AckLog acks = new AckLog(work.resolve("acknowledged.ndjson"));
                    StoreProbe probe = new StoreProbe(storeUri)) {
                Workload load = new Workload(both, ADMIN_TOKEN, acks);
                load.start(workers);
                load.awaitSetUp();
                Thread.sleep(seconds * 500L);
                Map<String, Integer> owners = segmentOwners(storeUri, nodeA, nodeB);
                System.out.println("segments claimed per node before the kill: " + owners);
                // NOTE: a pooled processor claims every free segment and releases none while it runs, so the node that
                // starts its processors first usually holds every segment and the other one stays idle.
                if (owners.getOrDefault("node A", 0) == 0 || owners.getOrDefault("node B", 0) == 0) {
                    System.out.println("note: one node claimed every segment; the other takes over only on a failure");
                }
                int acknowledged = acks.size();
                nodeB.kill();
                System.out.printf(
                        Locale.ROOT, "node B killed with SIGKILL after %d acknowledged requests%n", acknowledged);
                Thread.sleep(seconds * 500L);
                load.stop();
                System.out.printf(Locale.ROOT, "load stopped: %d requests acknowledged%n", acks.size());

                Map<String, Long> behind = probe.awaitHead(HEAD_TIMEOUT);
                if (!behind.isEmpty()) {
                    violations.add("node A did not bring every processor to the head: " + behind);
                }
                Map<String, Integer> after = segmentOwners(storeUri, nodeA, nodeB);
                System.out.println("segments claimed per node after node A took over: " + after);
                if (after.getOrDefault("node B", 0) > 0) {
                    violations.add("segments are still claimed by the killed node B: " + after);
                }
                load.failures().forEach(failure -> violations.add("a worker stopped: " + failure));
                if (!load.failures().isEmpty()) {
                    printThreads("node A", nodeA.pid(), work.resolve("node-a-threads.txt"), "io.openloop");
                    printThreads("the store", store.pid(), work.resolve("store-threads.txt"), "de.bwaldvogel");
                }
                InvariantChecks checks = new InvariantChecks(onA, ADMIN_TOKEN);
                checks.run(acks.acks(), load.loopReaders(), work.resolve("audit-export.ndjson"));
                violations.addAll(checks.violations());
                Map<String, String> original = probe.stableDigests();
                nodeA.stop();
                store.destroy();
                store.waitFor();
                violations.addAll(RebuildCheck.compare(original, storeData, work, jar, CrashHarness::node));

                System.out.printf(Locale.ROOT, "%nrequests acknowledged     %d%n", acks.size());
                acks.counts().forEach((kind, count) -> System.out.printf(Locale.ROOT, "  %-24s%d%n", kind, count));
                System.out.printf(Locale.ROOT, "requests retried          %d%n", both.retries());
                System.out.printf(Locale.ROOT, "requests rejected         %s%n", load.rejections());
                System.out.printf(Locale.ROOT, "invariant violations      %d%n", violations.size());
                violations.forEach(violation -> System.out.println("VIOLATION: " + violation));
            }
        } finally {
            nodeA.kill();
            nodeB.kill();
            store.destroy();
            store.waitFor();
        }
        return violations.size();
    }

    /**
     * Opens a task's stream on node A, sends the business's offer to node B, and returns a violation when the stream
     * shows no {@code OfferMade} event within {@link #STREAM_TIMEOUT}.
     */
    private static List<String> checkStreamAcrossNodes(LedgerClient onA, LedgerClient onB, ServerNode nodeA)
            throws InterruptedException, IOException {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
        JsonNode agent = register(onA, "@sa_" + run, "developer");
        JsonNode business = register(onA, "@sb_" + run, "business");
        String businessId = business.path("loopId").asText();
        String businessSecret = business.path("ownerKey").path("secret").asText();
        String agentSecret = agent.path("ownerKey").path("secret").asText();
        onA.send(
                "POST",
                "/api/loops/" + businessId + "/business-identity",
                businessSecret,
                "{\"legalName\": \"Stream Roofing LLC\", \"website\": \"https://example.org\","
                        + " \"contactEmail\": \"owner@example.org\", \"serviceArea\": [\"Atlanta\"]}");
        onA.send(
                "POST",
                "/api/admin/loops/" + businessId + "/verification",
                ADMIN_TOKEN,
                "{\"decision\": \"verified\"}");
        onA.send(
                "PUT",
                "/api/loops/" + businessId + "/task-policy",
                businessSecret,
                "{\"tasks\": {\"quote_request\": {\"inputSchema\": {\"type\": \"object\"}}}}");
        Reply requested = onA.send(
                "POST",
                "/api/aap/messages",
                agentSecret,
                "{\"type\": \"TASK_REQUEST\", \"to\": \"@sb_" + run + "\", \"task\": \"quote_request\","
                        + " \"inputs\": {\"city\": \"Atlanta\"}}");
        if (!requested.is(201)) {
            return List.of(
                    "the task request for the stream check answered " + requested.status() + ": " + requested.text());
        }
        String taskId = requested.body().path("taskId").asText();

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(nodeA.baseUrl() + "/api/tasks/" + taskId + "/stream"))
                .header("Authorization", "Bearer " + agentSecret)
                .header("Accept", "text/event-stream")
                .build();
        var stream = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        try {
            // The stream first replays the request; the offer is sent once that arrived.
            if (!awaitLine(lines, "TaskRequested")) {
                return List.of("the task stream on node A did not show the request of " + taskId);
            }
            Reply offered = onB.send(
                    "POST",
                    "/api/aap/messages",
                    businessSecret,
                    "{\"type\": \"TASK_OFFER\", \"taskId\": \"" + taskId + "\", \"price\": 3, \"terms\": \"Quote\"}");
            if (!offered.is(201)) {
                return List.of("the offer on node B answered " + offered.status() + ": " + offered.text());
            }
            long sent = System.nanoTime();
            if (!awaitLine(lines, "OfferMade")) {
                return List.of(
                        "the task stream on node A did not show the offer sent to node B within " + STREAM_TIMEOUT);
            }
            System.out.printf(
                    Locale.ROOT,
                    "task stream on node A showed the offer sent to node B after %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
            return List.of();
        } finally {
            stream.cancel(true);
        }
    }

    private static long start(ServerNode node) {
        try {
            return node.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + node.name() + " started", e);
        }
    }

    private static boolean awaitLine(BlockingQueue<String> lines, String text) throws InterruptedException {
        long deadline = System.nanoTime() + STREAM_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode register(LedgerClient client, String handle, String kind) throws InterruptedException {
        Reply reply = client.send(
                "POST",
                "/api/developer/loops",
                ADMIN_TOKEN,
                "{\"handle\": \"" + handle + "\", \"displayName\": \"stream " + kind + "\", \"plan\": \"pro\","
                        + " \"kind\": \"" + kind + "\"}");
        if (!reply.is(201)) {
            throw new IllegalStateException(
                    "registering " + handle + " answered " + reply.status() + ": " + reply.text());
        }
        return reply.body();
    }

    /**
     * Prints the threads of the process {@code pid} whose stacks contain {@code marker}, so that a request that never
     * got a response shows where it waits: in the node or in the store. The whole thread dump goes to {@code file}.
     */
    private static void printThreads(String name, long pid, Path file, String marker) throws InterruptedException {
        try {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(pid), "Thread.print")
                    .redirectErrorStream(true)
                    .redirectOutput(file.toFile())
                    .start();
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                System.out.println("jcmd took over 30 s; no thread dump of " + name);
                return;
            }
            System.out.println(
                    "threads of " + name + " with " + marker + " in their stack (the whole dump is in " + file + "):");
            for (String thread : Files.readString(file).split("\\n\\n")) {
                if (thread.contains(marker)) {
                    System.out.println(thread);
                }
            }
        } catch (IOException e) {
            System.out.println("could not take a thread dump of " + name + ": " + e.getMessage());
        }
    }

    /** Counts the claimed token segments per node; the token store's owner id is {@code pid@host}. */
    private static Map<String, Integer> segmentOwners(String storeUri, ServerNode nodeA, ServerNode nodeB) {
        Map<String, Integer> owners = new TreeMap<>();
        try (var client = com.mongodb.client.MongoClients.create(storeUri)) {
            for (Document token :
                    client.getDatabase("openloop").getCollection("tokens").find()) {
                String owner = token.getString("owner");
                if (owner == null || !token.containsKey("processorName")) {
                    continue;
                }
                String name = owner.startsWith(nodeA.pid() + "@")
                        ? "node A"
                        : owner.startsWith(nodeB.pid() + "@") ? "node B" : owner;
                owners.merge(name, 1, Integer::sum);
            }
        }
        return owners;
    }

    private static Process startStore(Path jar, Path data, int port, Path log)
            throws IOException, InterruptedException {
        Process store = new ProcessBuilder(
                        "java",
                        "-Xmx1g",
                        "-jar",
                        jar.toString(),
                        "store",
                        "--data-dir=" + data,
                        "--port=" + port,
                        "--durability=fsync")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains("Store listening on 127.0.0.1:" + port)) {
                return store;
            }
            if (!store.isAlive()) {
                throw new IllegalStateException("the store stopped during start; see " + log);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the store did not listen within 60 s; see " + log);
    }

    private static ServerNode node(String name, Path jar, String storeUri, Path work) throws IOException {
        Map<String, String> environment = new TreeMap<>();
        environment.put("OPENLOOP_MONGO_URI", storeUri);
        environment.put("OPENLOOP_DATA_DIR", work.resolve(name).toAbsolutePath().toString());
        environment.put("OPENLOOP_PORT", Integer.toString(Harness.freePort()));
        environment.put("OPENLOOP_ADMIN_TOKEN", ADMIN_TOKEN);
        environment.put("OPENLOOP_KEY_SECRET", KEY_SECRET);
        return new ServerNode(name, jar, environment, List.of(), work.resolve(name + ".log"));
    }
}
