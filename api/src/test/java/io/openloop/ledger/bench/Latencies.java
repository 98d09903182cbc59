package io.openloop.ledger.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies in nanoseconds, kept whole for exact percentiles. Not thread-safe: callers synchronize. */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    long count() {
        return size;
    }

    /** Returns the latency at a quantile such as 0.99 in milliseconds, or NaN without samples. */
    double quantileMillis(double quantile) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return at(sorted, quantile);
    }

    String summary() {
        if (size == 0) {
            return "no samples";
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "p50 %.1f  p99 %.1f  p999 %.1f  max %.1f",
                at(sorted, 0.50),
                at(sorted, 0.99),
                at(sorted, 0.999),
                sorted[size - 1] / 1e6);
    }

    /** Prints the summary in milliseconds under a name, with a note in brackets when the note is not null. */
    void print(String name, String note) {
        String suffix = note == null ? "" : " (" + note + ")";
        System.out.printf(Locale.ROOT, "%-22s %s%s%n", name, summary(), suffix);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
