package io.openloop.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.openloop.ledger.projection.invocation.InvocationReadModels;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;

/**
 * The ledger half of {@link LoadBenchmark}: sets up loops that each invoke their own tool, then drives
 * {@code POST /api/tools/invoke} with wrk over every loop's keys. An invocation of the caller's own low-risk tool in
 * guided mode is allowed without a credit hold. It appends two events in one commit (InvocationRequestedEvent and
 * InvocationQueuedEvent) and schedules the invocation's expiry deadline.
 */
final class LedgerLoad {

    private static final String DATABASE = "openloop";
    private static final long CATCH_UP_LIMIT_NANOS = 120_000_000_000L;

    private final LoadBenchmark bench;
    private final BenchOptions options;
    private final BenchHttp http;
    private final ServerProbe probe;
    private final String adminToken;
    private final String storeUri;
    private final long storePid;

    LedgerLoad(LoadBenchmark bench, BenchOptions options) {
        this.bench = bench;
        this.options = options;
        this.http = options.http();
        this.probe = options.probe(http);
        this.adminToken = options.adminToken();
        this.storeUri = options.text("--store-uri");
        this.storePid = options.integer("--store-pid", 0, 0);
        if (storeUri == null) {
            throw new IllegalArgumentException("--store-uri is required: the lag sampler reads the read model there");
        }
    }

    /** The figures of one measured ledger run. */
    record Run(
            WrkRun.Result result,
            long commands,
            double cpuMillis,
            double storeCpuMillis,
            double catchUpSeconds,
            Latencies lags,
            ServerProbe.Snapshot before,
            ServerProbe.Snapshot after,
            long rateLimited,
            Map<String, Long> storeCommandsBefore,
            Map<String, Long> storeCommandsAfter) {

        double cpuPerCommand() {
            return cpuMillis / Math.max(1, commands);
        }
    }

    void run() throws Exception {
        int loops = options.integer("--loops", 8, 8);
        int keysPerLoop = options.integer("--keys-per-loop", 8, 8);
        String runId = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
        System.out.printf(
                Locale.ROOT,
                "ledger: setting up %d enterprise loops with %d invoking keys each (run %s)%n",
                loops,
                keysPerLoop,
                runId);
        List<String> lines = new ArrayList<>();
        String samplerKey = null;
        String samplerBody = null;
        for (int i = 0; i < loops; i++) {
            LoopSetUp loop = setUp(runId, i, keysPerLoop);
            for (String key : loop.keys()) {
                lines.add("/api/tools/invoke\t" + key + "\t" + loop.body());
            }
            samplerKey = loop.samplerKey();
            samplerBody = loop.body();
        }
        Path requests = bench.workDir().resolve("ledger-requests.txt");
        Files.createDirectories(bench.workDir());
        Files.write(requests, lines);

        try (MongoClient client = MongoClients.create(storeUri)) {
            MongoCollection<Document> invocations =
                    client.getDatabase(DATABASE).getCollection(InvocationReadModels.INVOCATIONS);
            long intervalNanos = options.integer("--lag-interval-ms", 50, 50) * 1_000_000L;
            Sampling sampling = new Sampling(http, samplerKey, samplerBody, invocations, intervalNanos);

            System.out.printf(Locale.ROOT, "ledger: warm-up, %d s closed loop%n", bench.warmupSeconds());
            long beforeWarmUp = invocations.estimatedDocumentCount();
            WrkRun.Result warmUp = bench.wrk().run(requests, bench.connections(), bench.warmupSeconds(), 0);
            awaitCatchUp(invocations, beforeWarmUp + warmUp.successes());

            Run peak = measure(sampling, () -> bench.wrk().run(requests, bench.connections(), bench.seconds(), 0));
            print("ledger, closed loop, " + bench.connections() + " connections", peak);

            LoadBenchmark.Paced[] paced = new LoadBenchmark.Paced[1];
            Run half = measure(sampling, () -> {
                paced[0] = bench.paced(requests, peak.result().successRate() / 2, () -> {});
                return paced[0].result();
            });
            print(paced[0].label("ledger"), half);
            new LoadReport(readCeiling(), peak, half).print();
        }
    }

    /** Runs one wrk run with the lag sampler beside it, then waits until the read model contains every invocation. */
    private Run measure(Sampling sampling, WrkCall call) throws Exception {
        MongoCollection<Document> invocations = sampling.invocations();
        long start = invocations.estimatedDocumentCount();
        ServerProbe.Snapshot before = probe.snapshot();
        long rateLimitedBefore = rateLimitedResponses();
        Map<String, Long> storeBefore = storeCommands();
        long cpuBefore = bench.cpuTicks();
        long storeCpuBefore = LoadBenchmark.cpuTicks(storePid);
        WrkRun.Result result;
        LagSampler sampler = sampling.start();
        try {
            result = call.run();
        } finally {
            sampler.close();
        }
        long commands = result.successes() + sampler.commands();
        long ended = System.nanoTime();
        awaitCatchUp(invocations, start + commands);
        double catchUp = (System.nanoTime() - ended) / 1e9;
        double cpu = bench.cpuMillisSince(cpuBefore);
        double storeCpu = bench.cpuMillisSince(storePid, storeCpuBefore);
        ServerProbe.Snapshot after = probe.snapshot();
        long rateLimited = rateLimitedResponses() - rateLimitedBefore;
        return new Run(
                result,
                commands,
                cpu,
                storeCpu,
                catchUp,
                sampler.lags(),
                before,
                after,
                rateLimited,
                storeBefore,
                storeCommands());
    }

    private void print(String label, Run run) {
        LoadBenchmark.printRun(label, run.result());
        System.out.printf(
                Locale.ROOT,
                "  %d invocations recorded (the lag sampler's included); read model complete %.1f s after the run;"
                        + " %d responses 429%n",
                run.commands(),
                run.catchUpSeconds(),
                run.rateLimited());
        LoadBenchmark.printCpu("server CPU per invocation, its projections included", run.cpuPerCommand());
        probe.printCosts(
                "invocation", run.commands(), (int) Math.round(run.result().seconds()), run.before(), run.after());
        LoadBenchmark.printCpu("store CPU per invocation", run.storeCpuMillis() / Math.max(1, run.commands()));
        run.lags().print("  projection lag ms", run.lags().count() + " samples");
        printStoreCommands(run.storeCommandsBefore(), run.storeCommandsAfter(), run.commands());
    }

    private void awaitCatchUp(MongoCollection<Document> invocations, long expected) {
        long deadline = System.nanoTime() + CATCH_UP_LIMIT_NANOS;
        while (invocations.estimatedDocumentCount() < expected) {
            if (System.nanoTime() > deadline) {
                System.out.println(
                        "note: the invocations read model did not reach " + expected + " documents in 120 s");
                return;
            }
            LoadPhases.sleepNanos(100_000_000);
        }
    }

    /** Returns the server's store command counts by command and collection, from {@code /actuator/prometheus}. */
    private Map<String, Long> storeCommands() {
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (String line : http.getText("/actuator/prometheus").split("\n")) {
                if (!line.startsWith("mongodb_driver_commands_seconds_count{")) {
                    continue;
                }
                String key = label(line, "command") + " " + label(line, "collection");
                long count = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                counts.merge(key, count, Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("note: cannot read the server's metrics: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counts;
    }

    private static String label(String line, String name) {
        int start = line.indexOf(name + "=\"");
        if (start < 0) {
            return "?";
        }
        start += name.length() + 2;
        return line.substring(start, line.indexOf('"', start));
    }

    /** Prints the store commands per invocation between two counts, largest first, down to 0.05 per invocation. */
    private static void printStoreCommands(Map<String, Long> before, Map<String, Long> after, long commands) {
        System.out.println("  store commands per invocation, by command and collection:");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() / (double) Math.max(1, commands) >= 0.05)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.out.printf(
                        Locale.ROOT, "    %6.2f  %s%n", e.getValue() / (double) Math.max(1, commands), e.getKey()));
    }

    /** Returns the server's count of 429 responses from {@code /actuator/prometheus}, or 0 when unreadable. */
    private long rateLimitedResponses() {
        try {
            long count = 0;
            for (String line : http.getText("/actuator/prometheus").split("\n")) {
                if (line.startsWith("http_server_requests_seconds_count{") && line.contains("status=\"429\"")) {
                    count += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return count;
        } catch (IOException | RuntimeException e) {
            System.out.println("note: cannot read the server's metrics: " + e.getMessage());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private Properties readCeiling() throws IOException {
        Properties figures = new Properties();
        String file = options.text("--ceiling-file");
        if (file == null || !Files.exists(Path.of(file))) {
            System.out.println("note: no ceiling figures; run scripts/bench-load.sh for the comparison");
            return figures;
        }
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            figures.load(reader);
        }
        return figures;
    }

    /** One loop's invoking keys, its sampler key and the body that invokes its own tool. */
    private record LoopSetUp(List<String> keys, String samplerKey, String body) {}

    private LoopSetUp setUp(String runId, int index, int keysPerLoop) throws IOException, InterruptedException {
        String handle = "@bl_" + runId + "_" + index;
        JsonNode loop = http.send(
                "POST",
                "/api/developer/loops",
                adminToken,
                "{\"handle\": \"" + handle + "\", \"displayName\": \"load bench\", \"plan\": \"enterprise\"}",
                201);
        String owner = loop.path("ownerKey").path("secret").asText();
        String loopId = loop.path("loopId").asText();
        http.send(
                "POST",
                "/api/developer/tools/manifest",
                owner,
                "{\"name\": \"ping\", \"description\": \"Answers a ping.\", \"category\": \"sales_revenue_ops\","
                        + " \"riskLevel\": \"low\", \"requiresApprovalDefault\": false,"
                        + " \"expectedProofs\": [\"source_url\"],"
                        + " \"inputSchema\": {\"type\": \"object\", \"required\": [\"city\"]},"
                        + " \"outputSchema\": {\"type\": \"object\"}, \"providerType\": \"custom_connector\","
                        + " \"visibility\": \"private\", \"version\": \"1.0.0\", \"price\": 1}",
                201);
        List<String> keys = new ArrayList<>();
        keys.add(owner);
        for (int k = 1; k <= keysPerLoop; k++) {
            JsonNode key = http.send(
                    "POST",
                    "/api/loops/" + loopId + "/keys",
                    owner,
                    "{\"name\": \"load-" + k + "\", \"scopes\": [\"tools:invoke\"]}",
                    201);
            keys.add(key.path("secret").asText());
        }
        // The last key is the lag sampler's, so the sampler's requests never share a bucket with wrk's.
        String samplerKey = keys.remove(keys.size() - 1);
        String body = "{\"tool\": \"" + handle + "/ping\", \"executionMode\": \"guided\","
                + " \"input\": {\"city\": \"Atlanta\"}}";
        JsonNode check = http.send("POST", "/api/tools/invoke", samplerKey, body, 201);
        if (!"PENDING".equals(check.path("status").asText())) {
            throw new IllegalStateException("a check invocation of " + handle + "/ping did not start: " + check);
        }
        return new LoopSetUp(keys, samplerKey, body);
    }

    /** A wrk run that a measurement wraps. */
    private interface WrkCall {
        WrkRun.Result run() throws Exception;
    }

    /** What each measured run's lag sampler needs. */
    private record Sampling(
            BenchHttp http, String key, String body, MongoCollection<Document> invocations, long intervalNanos) {

        LagSampler start() {
            return new LagSampler(http, key, body, invocations, intervalNanos);
        }
    }
}
