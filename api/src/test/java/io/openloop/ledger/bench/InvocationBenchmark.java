package io.openloop.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives invocations through the whole HTTP path of a running server (invoke, pull as the provider, report the result
 * with proofs) and prints throughput, latency percentiles, store commands and server CPU time per invocation.
 *
 * <p>It runs a closed loop to find the peak rate, then an open loop at half of it. Latencies in the open loop are
 * measured from each invocation's scheduled start, so a server that falls behind shows it. The server, its store and
 * their settings are the caller's: {@code scripts/bench-invocations.sh} starts them with production settings.
 */
public final class InvocationBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String adminToken;
    private final long serverPid;
    private final long clockTicks;

    private InvocationBenchmark(String baseUrl, String adminToken, long serverPid, long clockTicks) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
        this.serverPid = serverPid;
        this.clockTicks = clockTicks;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        boolean quick = options.containsKey("--quick");
        int workers = Integer.parseInt(options.getOrDefault("--workers", quick ? "4" : "16"));
        int warmup = Integer.parseInt(options.getOrDefault("--warmup-seconds", quick ? "5" : "20"));
        int duration = Integer.parseInt(options.getOrDefault("--seconds", quick ? "10" : "60"));
        InvocationBenchmark bench = new InvocationBenchmark(
                options.getOrDefault("--base-url", "http://127.0.0.1:8080"),
                required(options, "--admin-token"),
                Long.parseLong(options.getOrDefault("--server-pid", "0")),
                Long.parseLong(options.getOrDefault("--clock-ticks", "100")));
        bench.run(workers, warmup, duration);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private void run(int workers, int warmupSeconds, int seconds) throws Exception {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
        System.out.printf(
                Locale.ROOT, "setting up %d publisher and %d invoker loops (run %s)%n", workers, workers, run);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            pairs.add(setUp(run, i));
        }

        System.out.printf(Locale.ROOT, "warm-up: %d s closed loop%n", warmupSeconds);
        closedLoop(pairs, warmupSeconds);

        Snapshot before = snapshot();
        Stats peak = closedLoop(pairs, seconds);
        Snapshot after = snapshot();
        double peakRate = peak.cycles.count() / (double) seconds;
        report("closed loop, " + workers + " workers", peak, seconds, before, after);

        double halfRate = peakRate / 2;
        Snapshot halfBefore = snapshot();
        Stats half = openLoop(pairs, seconds, halfRate);
        Snapshot halfAfter = snapshot();
        report(
                String.format(Locale.ROOT, "open loop at %.1f invocations/s (half the peak)", halfRate),
                half,
                seconds,
                halfBefore,
                halfAfter);
    }

    private void report(String label, Stats stats, int seconds, Snapshot before, Snapshot after) {
        long cycles = stats.cycles.count();
        System.out.printf(Locale.ROOT, "%n== %s%n", label);
        System.out.printf(
                Locale.ROOT,
                "invocations completed  %d in %d s = %.1f/s (errors %d)%n",
                cycles,
                seconds,
                cycles / (double) seconds,
                stats.errors);
        System.out.printf(Locale.ROOT, "whole cycle ms         %s%n", stats.cycles.summary());
        System.out.printf(Locale.ROOT, "invoke ms              %s%n", stats.invoke.summary());
        System.out.printf(
                Locale.ROOT,
                "until pulled ms        %s (projection lag seen by the provider)%n",
                stats.pulled.summary());
        System.out.printf(Locale.ROOT, "result ms              %s%n", stats.result.summary());
        System.out.printf(
                Locale.ROOT, "pull requests per invocation  %.2f%n", stats.pulls / (double) Math.max(1, cycles));
        if (cycles > 0 && before.writes >= 0 && after.writes >= 0) {
            System.out.printf(
                    Locale.ROOT,
                    "store writes per invocation   %.1f (all store commands %.1f)%n",
                    (after.writes - before.writes) / (double) cycles,
                    (after.commands - before.commands) / (double) cycles);
        }
        if (cycles > 0 && before.cpuTicks >= 0 && after.cpuTicks >= 0) {
            double cpuMs = (after.cpuTicks - before.cpuTicks) * 1000.0 / clockTicks;
            System.out.printf(
                    Locale.ROOT,
                    "server CPU per invocation     %.2f ms (%.0f%% of one core)%n",
                    cpuMs / cycles,
                    cpuMs / 10.0 / seconds);
        }
    }

    /** One worker's loops: a publisher with its tool and an invoker. */
    private record Pair(String tool, String invokerSecret, String publisherSecret, String pullSecret) {}

    private Pair setUp(String run, int index) throws IOException, InterruptedException {
        String publisher = "@bp_" + run + "_" + index;
        String invoker = "@bi_" + run + "_" + index;
        JsonNode pub = send(
                "POST",
                "/api/developer/loops",
                adminToken,
                "{\"handle\": \"" + publisher + "\", \"displayName\": \"bench publisher\", \"plan\": \"enterprise\"}",
                201);
        String publisherSecret = pub.path("ownerKey").path("secret").asText();
        String publisherId = pub.path("loopId").asText();
        send(
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
        JsonNode pullKey = send(
                "POST",
                "/api/loops/" + publisherId + "/keys",
                publisherSecret,
                "{\"name\": \"puller\", \"scopes\": [\"tools:publish\"]}",
                201);
        JsonNode inv = send(
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

    private Stats closedLoop(List<Pair> pairs, int seconds) throws InterruptedException {
        Stats stats = new Stats();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (Pair pair : pairs) {
            threads.add(started(() -> {
                while (System.nanoTime() < end) {
                    cycle(pair, stats, System.nanoTime());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return stats;
    }

    private Stats openLoop(List<Pair> pairs, int seconds, double totalRate) throws InterruptedException {
        Stats stats = new Stats();
        long intervalNanos = (long) (pairs.size() * 1_000_000_000L / totalRate);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        AtomicBoolean late = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            long offset = intervalNanos * i / pairs.size();
            threads.add(started(() -> {
                long scheduled = start + offset;
                while (scheduled < end) {
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        sleepNanos(wait);
                    } else if (-wait > intervalNanos) {
                        late.set(true);
                    }
                    cycle(pair, stats, scheduled);
                    scheduled += intervalNanos;
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (late.get()) {
            System.out.println("note: some workers fell more than one interval behind their schedule");
        }
        return stats;
    }

    private void cycle(Pair pair, Stats stats, long scheduledNanos) {
        try {
            long t0 = System.nanoTime();
            JsonNode invoked = send(
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
                JsonNode work = send(
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
                sleepNanos(10_000_000);
            }
            long t2 = System.nanoTime();

            String now = Instant.now().toString();
            send(
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

    private JsonNode send(String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429 && attempt < 5) {
                long retryAfter =
                        response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(retryAfter * 1000);
                continue;
            }
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }

    /** Server CPU ticks and store command counts at one moment; -1 where unknown. */
    private record Snapshot(long cpuTicks, long writes, long commands) {}

    private Snapshot snapshot() {
        long ticks = -1;
        if (serverPid > 0) {
            try {
                String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                System.out.println("note: cannot read the server's CPU time: " + e.getMessage());
            }
        }
        long writes = -1;
        long commands = -1;
        try {
            HttpResponse<String> metrics = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            writes = 0;
            commands = 0;
            for (String line : metrics.body().split("\n")) {
                if (!line.startsWith("mongodb_driver_commands_seconds_count{")) {
                    continue;
                }
                long count = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                commands += count;
                if (line.matches(".*command=\"(insert|update|delete|findAndModify)\".*")) {
                    writes += count;
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.out.println("note: cannot read the server's metrics: " + e.getMessage());
        }
        return new Snapshot(ticks, writes, commands);
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work, "bench-worker");
        thread.start();
        return thread;
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Latency recordings of one phase, shared by its workers. */
    private static final class Stats {

        final Latencies cycles = new Latencies();
        final Latencies invoke = new Latencies();
        final Latencies pulled = new Latencies();
        final Latencies result = new Latencies();
        long pulls;
        long errors;
        private String firstError;

        synchronized void record(long cycle, long invokeNanos, long pulledNanos, long resultNanos, int pullCount) {
            cycles.add(cycle);
            invoke.add(invokeNanos);
            pulled.add(pulledNanos);
            result.add(resultNanos);
            pulls += pullCount;
        }

        synchronized void error(Exception e) {
            errors++;
            if (firstError == null) {
                firstError = e.toString();
                System.out.println("first error: " + firstError);
            }
        }
    }

    /** Latencies in nanoseconds, kept whole for exact percentiles. */
    private static final class Latencies {

        private long[] values = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        long count() {
            return size;
        }

        String summary() {
            if (size == 0) {
                return "no samples";
            }
            long[] sorted = java.util.Arrays.copyOf(values, size);
            java.util.Arrays.sort(sorted);
            return String.format(
                    Locale.ROOT,
                    "p50 %.1f  p99 %.1f  p999 %.1f  max %.1f",
                    at(sorted, 0.50),
                    at(sorted, 0.99),
                    at(sorted, 0.999),
                    sorted[size - 1] / 1e6);
        }

        private static double at(long[] sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
