package io.openloop.ledger.bench;

import io.openloop.ledger.bench.ServerProbe.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a benchmark's cycles in three phases: a closed-loop warm-up, a closed loop that finds the peak rate (each worker
 * starts its next cycle when the last one ends) and an open loop at half that rate. In the open loop a cycle's latency
 * counts from its scheduled start, so a server that falls behind shows it.
 *
 * @param <W> one worker's state, for example its loops and keys
 * @param <S> the recordings of one phase
 */
final class LoadPhases<W, S extends PhaseStats> {

    /** One cycle of a worker; it records its latencies, or its failure, in the phase's stats. */
    interface Cycle<W, S> {
        void run(W worker, S stats, long scheduledNanos);
    }

    /** Prints the figures of one phase under a label. */
    interface Report<S> {
        void print(String label, S stats, int seconds, Snapshot before, Snapshot after);
    }

    private final List<W> workers;
    private final Supplier<S> newStats;
    private final Cycle<W, S> cycle;
    private final ServerProbe probe;

    LoadPhases(List<W> workers, Supplier<S> newStats, Cycle<W, S> cycle, ServerProbe probe) {
        this.workers = workers;
        this.newStats = newStats;
        this.cycle = cycle;
        this.probe = probe;
    }

    /**
     * Runs the three phases and prints the two measured ones.
     *
     * @param units the unit of a cycle in the plural, for the open loop's label, for example "invocations"
     */
    void run(int warmupSeconds, int seconds, String units, Report<S> report) throws InterruptedException {
        System.out.printf(Locale.ROOT, "warm-up: %d s closed loop%n", warmupSeconds);
        closedLoop(warmupSeconds);

        Snapshot before = probe.snapshot();
        S peak = closedLoop(seconds);
        Snapshot after = probe.snapshot();
        double peakRate = peak.cycles.count() / (double) seconds;
        report.print("closed loop, " + workers.size() + " workers", peak, seconds, before, after);

        double halfRate = peakRate / 2;
        Snapshot halfBefore = probe.snapshot();
        S half = openLoop(seconds, halfRate);
        Snapshot halfAfter = probe.snapshot();
        report.print(
                String.format(Locale.ROOT, "open loop at %.1f %s/s (half the peak)", halfRate, units),
                half,
                seconds,
                halfBefore,
                halfAfter);
    }

    private S closedLoop(int seconds) throws InterruptedException {
        S stats = newStats.get();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (W worker : workers) {
            threads.add(started(() -> {
                while (System.nanoTime() < end) {
                    cycle.run(worker, stats, System.nanoTime());
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return stats;
    }

    private S openLoop(int seconds, double totalRate) throws InterruptedException {
        S stats = newStats.get();
        long intervalNanos = (long) (workers.size() * 1_000_000_000L / totalRate);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        AtomicBoolean late = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            W worker = workers.get(i);
            long offset = intervalNanos * i / workers.size();
            threads.add(started(() -> {
                long scheduled = start + offset;
                while (scheduled < end) {
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        sleepNanos(wait);
                    } else if (-wait > intervalNanos) {
                        late.set(true);
                    }
                    cycle.run(worker, stats, scheduled);
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

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work, "bench-worker");
        thread.start();
        return thread;
    }

    /** Sleeps for the given time; an interrupt ends the sleep early and stays set on the thread. */
    static void sleepNanos(long nanos) {
        try {
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
