package io.openloop.ledger.bench;

import java.lang.management.ManagementFactory;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Wall-clock and process CPU time of one measured phase. */
final class PhaseTimer {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final LocalTime startTime;
    private final long startNanos;
    private final long startCpuNanos;

    private PhaseTimer() {
        this.startTime = LocalTime.now();
        this.startNanos = System.nanoTime();
        this.startCpuNanos = BenchResults.processCpuNanos();
    }

    static PhaseTimer start() {
        return new PhaseTimer();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Prints the phase's wall time, its local start and end time (to find it in a flight recording), how many cores
     * this process kept busy on average and the machine's load average, and returns the wall time in seconds. A load
     * average above the core count means other processes competed for the cores.
     */
    double stop(String phase, long operations) {
        double seconds = elapsedSeconds();
        double cpuSeconds = (BenchResults.processCpuNanos() - startCpuNanos) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "  [%s] %,d in %.1f s (%s-%s), process CPU %.1f s (%.2f cores busy), load average %.1f%n",
                phase,
                operations,
                seconds,
                CLOCK.format(startTime),
                CLOCK.format(LocalTime.now()),
                cpuSeconds,
                cpuSeconds / seconds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return seconds;
    }
}
