package io.openloop.ledger.bench;

import java.util.Locale;

/**
 * Recordings of one benchmark phase, shared by its workers: the latency of each completed cycle and the failed cycles.
 * Subclasses add the latencies of a cycle's steps.
 */
abstract class PhaseStats {

    final Latencies cycles = new Latencies();
    long errors;
    private String firstError;

    /** Counts a failed cycle and prints the first failure of the phase. */
    synchronized void error(Exception e) {
        errors++;
        if (firstError == null) {
            firstError = e.toString();
            System.out.println("first error: " + firstError);
        }
    }

    /**
     * Prints the phase's heading, then the cycles it completed, their rate per second and the failed cycles.
     *
     * @param completedLabel what the count is of, for example "invocations completed"
     */
    void printHeading(String label, String completedLabel, int seconds) {
        long completed = cycles.count();
        System.out.printf(Locale.ROOT, "%n== %s%n", label);
        System.out.printf(
                Locale.ROOT,
                "%-22s %d in %d s = %.1f/s (errors %d)%n",
                completedLabel,
                completed,
                seconds,
                completed / (double) seconds,
                errors);
    }
}
