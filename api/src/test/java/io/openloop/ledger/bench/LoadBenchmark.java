package io.openloop.ledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Drives one target with wrk: {@code --target=ceiling} (a {@link CeilingServer}) or {@code --target=ledger} (the
 * server jar, through {@code POST /api/tools/invoke}). Each run has a closed-loop warm-up, a closed-loop peak and a run
 * paced at half the peak, and prints throughput, latency percentiles and CPU time of the target's process per
 * request. The ledger run also prints projection lag and compares its figures with the ceiling's, which the ceiling
 * run writes to {@code --result-file}. {@code scripts/bench-load.sh} starts the processes and runs both.
 */
public final class LoadBenchmark {

    /** Paced runs use enough connections that each waits about this long between its requests. */
    private static final double PACED_CYCLE_SECONDS = 0.05;

    private final BenchOptions options;
    private final WrkRun wrk;
    private final long pid;
    private final long clockTicks;
    private final long storePid;

    private LoadBenchmark(BenchOptions options) {
        this.options = options;
        this.wrk = new WrkRun(
                text(options, "--wrk", "wrk"),
                Path.of(text(options, "--lua", "scripts/lib/bench-load.lua")),
                text(options, "--base-url", "http://127.0.0.1:8080"));
        this.pid = Long.parseLong(text(options, "--server-pid", "0"));
        this.clockTicks = Long.parseLong(text(options, "--clock-ticks", "100"));
        this.storePid = Long.parseLong(text(options, "--store-pid", "0"));
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        LoadBenchmark bench = new LoadBenchmark(options);
        String target = text(options, "--target", "");
        switch (target) {
            case "ceiling" -> bench.runCeiling();
            case "ledger" -> new LedgerLoad(bench, options).run();
            default -> throw new IllegalArgumentException("--target must be ceiling or ledger, got [" + target + "]");
        }
    }

    int seconds() {
        return options.integer("--seconds", 6, 30);
    }

    int warmupSeconds() {
        return options.integer("--warmup-seconds", 3, 10);
    }

    int connections() {
        return options.integer("--connections", 32, 64);
    }

    Path workDir() {
        return Path.of(text(options, "--work-dir", "target/bench-load"));
    }

    private void runCeiling() throws IOException, InterruptedException {
        Path requests = workDir().resolve("ceiling-requests.txt");
        Files.createDirectories(workDir());
        Files.write(
                requests,
                List.of(
                        "/insert\t\t{\"tool\": \"@bench/ping\", \"executionMode\": \"guided\","
                                + " \"input\": {\"city\": \"Atlanta\"}}",
                        "/insert\t\t{\"tool\": \"@bench/ping\", \"executionMode\": \"guided\","
                                + " \"input\": {\"city\": \"Savannah\"}}"));
        System.out.printf(Locale.ROOT, "ceiling: warm-up, %d s closed loop%n", warmupSeconds());
        wrk.run(requests, connections(), warmupSeconds(), 0);

        long before = cpuTicks();
        long storeBefore = cpuTicks(storePid);
        WrkRun.Result peak = wrk.run(requests, connections(), seconds(), 0);
        double peakCpu = cpuMillisSince(before) / Math.max(1, peak.successes());
        double storeCpu = cpuMillisSince(storePid, storeBefore) / Math.max(1, peak.successes());
        printRun("ceiling, closed loop, " + connections() + " connections", peak);
        printCpu("ceiling CPU per request", peakCpu);
        printCpu("store CPU per request", storeCpu);

        Paced half = paced(requests, peak.successRate() / 2, () -> {});
        printRun(half.label("ceiling"), half.result());
        double halfCpu = half.cpuMillis() / Math.max(1, half.result().successes());
        printCpu("ceiling CPU per request", halfCpu);

        Properties figures = new Properties();
        figures.setProperty("peakRate", Double.toString(peak.successRate()));
        figures.setProperty("peakP99Ms", Double.toString(peak.p99Micros() / 1e3));
        figures.setProperty("peakCpuMs", Double.toString(peakCpu));
        figures.setProperty("halfRate", Double.toString(half.result().successRate()));
        figures.setProperty("halfP99Ms", Double.toString(half.result().p99Micros() / 1e3));
        figures.setProperty("halfCpuMs", Double.toString(halfCpu));
        Path resultFile = Path.of(text(
                options,
                "--result-file",
                workDir().resolve("ceiling.properties").toString()));
        try (var out = Files.newBufferedWriter(resultFile)) {
            figures.store(out, "ceiling figures of scripts/bench-load.sh");
        }
    }

    /**
     * A run paced at a target rate, with the CPU time the target's process used during it, and the calibration run
     * before it, whose requests the target also served.
     */
    record Paced(
            double targetRate,
            int connections,
            long delayMillis,
            WrkRun.Result result,
            double cpuMillis,
            WrkRun.Result calibration) {

        String label(String target) {
            return String.format(
                    Locale.ROOT,
                    "%s, paced at %.0f/s (half the peak): %d connections, each waiting %d ms after a response",
                    target,
                    targetRate,
                    connections,
                    delayMillis);
        }
    }

    /**
     * Runs wrk at about {@code rate} requests per second. wrk has no fixed-rate mode, so each of N connections waits a
     * fixed delay after each response. A short calibration run measures the time a request takes at that load, and
     * the measured run subtracts it from the delay. The caller prints the achieved rate beside the target.
     *
     * @param beforeMeasuredRun called right before the measured run starts, for example to reset samplers
     */
    Paced paced(Path requests, double rate, Runnable beforeMeasuredRun) throws IOException, InterruptedException {
        int connections = (int) Math.max(2, Math.min(256, Math.round(rate * PACED_CYCLE_SECONDS)));
        double cycleMillis = connections * 1000.0 / rate;
        long delay = Math.max(0, Math.round(cycleMillis));
        int calibrationSeconds = Math.max(3, seconds() / 5);
        WrkRun.Result calibration = wrk.run(requests, connections, calibrationSeconds, delay);
        double measuredCycle = connections * 1000.0 / Math.max(1, calibration.successRate());
        delay = Math.max(0, Math.round(cycleMillis - (measuredCycle - delay)));

        beforeMeasuredRun.run();
        long before = cpuTicks();
        WrkRun.Result result = wrk.run(requests, connections, seconds(), delay);
        return new Paced(rate, connections, delay, result, cpuMillisSince(before), calibration);
    }

    /** Returns the CPU ticks (user and system) of the target's process, or -1 when none is known. */
    long cpuTicks() {
        return cpuTicks(pid);
    }

    /** Returns the CPU ticks (user and system) of a process, or -1 when none is known. */
    static long cpuTicks(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            System.out.println("note: cannot read the CPU time of process " + pid + ": " + e.getMessage());
            return -1;
        }
    }

    /** Returns the CPU milliseconds the target's process used since {@code before} ticks, or NaN when unknown. */
    double cpuMillisSince(long before) {
        return cpuMillisSince(pid, before);
    }

    /** Returns the CPU milliseconds a process used since {@code before} ticks, or NaN when unknown. */
    double cpuMillisSince(long processId, long before) {
        long after = cpuTicks(processId);
        if (before < 0 || after < 0) {
            return Double.NaN;
        }
        return (after - before) * 1000.0 / clockTicks;
    }

    WrkRun wrk() {
        return wrk;
    }

    static void printRun(String label, WrkRun.Result result) {
        System.out.printf(
                Locale.ROOT,
                "%s (ended %s, load average %s)%n  %.0f requests/s with a 2xx in %.1f s; %d other statuses,"
                        + " %d socket errors, %d timeouts%n  latency %s%n",
                label,
                LocalTime.now().truncatedTo(ChronoUnit.SECONDS),
                ServerProbe.loadAverage(),
                result.successRate(),
                result.seconds(),
                result.statusErrors(),
                result.socketErrors(),
                result.timeouts(),
                result.latencies());
    }

    static void printCpu(String label, double millis) {
        System.out.printf(Locale.ROOT, "  %s %.3f ms%n", label, millis);
    }

    private static String text(BenchOptions options, String name, String fallback) {
        String value = options.text(name);
        return value == null ? fallback : value;
    }
}
