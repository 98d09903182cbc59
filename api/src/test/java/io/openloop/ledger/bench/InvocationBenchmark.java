package io.openloop.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.bench.ServerProbe.Snapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Drives invocations through the whole HTTP path of a running server (invoke, pull as the provider, report the result
 * with proofs) and prints throughput, latency percentiles, store commands and server CPU time per invocation.
 *
 * <p>It runs a closed loop to find the peak rate, then an open loop at half of it. Latencies in the open loop are
 * measured from each invocation's scheduled start, so a server that falls behind shows it. The server, its store and
 * their settings are the caller's: {@code scripts/bench-invocations.sh} starts them with production settings.
 */
public final class InvocationBenchmark {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final BenchHttp http;
    private final ServerProbe probe;
    private final String adminToken;

    private InvocationBenchmark(BenchHttp http, ServerProbe probe, String adminToken) {
        this.http = http;
        this.probe = probe;
        this.adminToken = adminToken;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        int workers = options.integer("--workers", 4, 16);
        int warmup = options.integer("--warmup-seconds", 5, 20);
        int duration = options.integer("--seconds", 10, 60);
        BenchHttp http = options.http();
        InvocationBenchmark bench = new InvocationBenchmark(http, options.probe(http), options.adminToken());
        bench.run(workers, warmup, duration);
    }

    private void run(int workers, int warmupSeconds, int seconds) throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
        System.out.printf(
                Locale.ROOT, "setting up %d publisher and %d invoker loops (run %s)%n", workers, workers, run);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            pairs.add(setUp(run, i));
        }
        new LoadPhases<>(pairs, Stats::new, this::cycle, probe)
                .run(warmupSeconds, seconds, "invocations", this::report);
    }

    private void report(String label, Stats stats, int seconds, Snapshot before, Snapshot after) {
        long cycles = stats.cycles.count();
        stats.printHeading(label, "invocations completed", seconds);
        stats.cycles.print("whole cycle ms", null);
        stats.invoke.print("invoke ms", null);
        stats.pulled.print("until pulled ms", "projection lag seen by the provider");
        stats.result.print("result ms", null);
        System.out.printf(
                Locale.ROOT, "pull requests per invocation  %.2f%n", stats.pulls / (double) Math.max(1, cycles));
        probe.printCosts("invocation", cycles, seconds, before, after);
    }

    /** One worker's loops: a publisher with its tool and an invoker. */
    private record Pair(String tool, String invokerSecret, String publisherSecret, String pullSecret) {}

    private Pair setUp(String run, int index) throws IOException, InterruptedException {
        String publisher = "@bp_" + run + "_" + index;
        String invoker = "@bi_" + run + "_" + index;
        JsonNode pub = http.send(
                "POST",
                "/api/developer/loops",
                adminToken,
                "{\"handle\": \"" + publisher + "\", \"displayName\": \"bench publisher\", \"plan\": \"enterprise\"}",
                201);
        String publisherSecret = pub.path("ownerKey").path("secret").asText();
        String publisherId = pub.path("loopId").asText();
        http.send(
                "POST",
                "/api/developer/tools/manifest",
                publisherSecret,
                "{\"name\": \"lookup\", \"description\": \"Looks a city up.\", \"category\": \"sales_revenue_ops\","
                        + " \"riskLevel\": \"low\", \"requiresApprovalDefault\": false,"
                        + " \"expectedProofs\": [\"source_url\", \"retrieved_at\"],"
                        + " \"inputSchema\": {\"type\": \"object\", \"required\": [\"city\"]},"
                        + " \"outputSchema\": {\"type\": \"object\"}, \"providerType\": \"custom_connector\","
                        + " \"visibility\": \"marketplace\", \"version\": \"1.0.0\", \"price\": 1}",
                201);
        JsonNode pullKey = http.send(
                "POST",
                "/api/loops/" + publisherId + "/keys",
                publisherSecret,
                "{\"name\": \"puller\", \"scopes\": [\"tools:publish\"]}",
                201);
        JsonNode inv = http.send(
                "POST",
                "/api/developer/loops",
                adminToken,
                "{\"handle\": \"" + invoker + "\", \"displayName\": \"bench invoker\", \"plan\": \"enterprise\"}",
                201);
        return new Pair(
                publisher + "/lookup",
                inv.path("ownerKey").path("secret").asText(),
                publisherSecret,
                pullKey.path("secret").asText());
    }

    private void cycle(Pair pair, Stats stats, long scheduledNanos) {
        try {
            long t0 = System.nanoTime();
            JsonNode invoked = http.send(
                    "POST",
                    "/api/tools/invoke",
                    pair.invokerSecret(),
                    "{\"tool\": \"" + pair.tool() + "\", \"executionMode\": \"guided\","
                            + " \"input\": {\"city\": \"Atlanta\"}}",
                    201);
            long t1 = System.nanoTime();
            String invocationId = invoked.path("invocationId").asText();

            int pulls = 0;
            while (true) {
                pulls++;
                JsonNode work = http.send(
                        "GET",
                        "/api/developer/invocations?status=pending&limit=50&tool="
                                + pair.tool().replace("@", "%40").replace("/", "%2F"),
                        pair.pullSecret(),
                        null,
                        200);
                if (work.path("items").toString().contains(invocationId)) {
                    break;
                }
                if (System.nanoTime() - t1 > 30_000_000_000L) {
                    throw new IllegalStateException("invocation " + invocationId + " never showed as pending");
                }
                LoadPhases.sleepNanos(10_000_000);
            }
            long t2 = System.nanoTime();

            String now = Instant.now().toString();
            http.send(
                    "POST",
                    "/api/invocations/" + invocationId + "/result",
                    pair.publisherSecret(),
                    "{\"status\": \"succeeded\", \"output\": {\"leads\": 1}, \"proofs\": ["
                            + "{\"kind\": \"source_url\", \"uri\": \"https://example.org/a\", \"sha256\": \"" + SHA
                            + "\", \"capturedAt\": \"" + now + "\"},"
                            + "{\"kind\": \"retrieved_at\", \"data\": \"" + now + "\", \"sha256\": \"" + SHA
                            + "\", \"capturedAt\": \"" + now + "\"}]}",
                    200);
            long t3 = System.nanoTime();
            stats.record(t3 - scheduledNanos, t1 - t0, t2 - t1, t3 - t2, pulls);
        } catch (Exception e) {
            stats.error(e);
        }
    }

    /** Latency recordings of one phase, shared by its workers. */
    private static final class Stats extends PhaseStats {

        final Latencies invoke = new Latencies();
        final Latencies pulled = new Latencies();
        final Latencies result = new Latencies();
        long pulls;

        synchronized void record(long cycle, long invokeNanos, long pulledNanos, long resultNanos, int pullCount) {
            cycles.add(cycle);
            invoke.add(invokeNanos);
            pulled.add(pulledNanos);
            result.add(resultNanos);
            pulls += pullCount;
        }
    }
}
