package io.openloop.ledger.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Measured figures of one benchmark run, the goals that compare them, and the printing of both. */
final class BenchResults {

    /** One measured value. */
    record Figure(String key, String description, double value, String unit) {}

    /**
     * A goal that requires {@code measured / baseline} to be at least (or, if {@code atMost}, at most) {@code limit}.
     */
    record Goal(String description, String measuredKey, String baselineKey, double limit, boolean atMost) {}

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<Goal> goals = new ArrayList<>();

    void record(String key, String description, double value, String unit) {
        figures.put(key, new Figure(key, description, value, unit));
        System.out.printf(Locale.ROOT, "  %-62s %,14.1f %s%n", description, value, unit);
    }

    void goalAtLeast(String description, String measuredKey, String baselineKey, double limit) {
        goals.add(new Goal(description, measuredKey, baselineKey, limit, false));
    }

    void goalAtMost(String description, String measuredKey, String baselineKey, double limit) {
        goals.add(new Goal(description, measuredKey, baselineKey, limit, true));
    }

    /** Prints every figure, then each goal whose figures were measured, as Markdown tables. */
    void printTables() {
        System.out.println();
        System.out.println("| figure | value | unit |");
        System.out.println("|---|---:|---|");
        for (Figure figure : figures.values()) {
            System.out.printf(
                    Locale.ROOT, "| %s | %s | %s |%n", figure.description(), format(figure.value()), figure.unit());
        }

        System.out.println();
        System.out.println("| goal | measured | baseline | ratio | limit | met |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        for (Goal goal : goals) {
            Figure measured = figures.get(goal.measuredKey());
            Figure baseline = figures.get(goal.baselineKey());
            if (measured == null || baseline == null) {
                continue;
            }
            double ratio = measured.value() / baseline.value();
            boolean met = goal.atMost() ? ratio <= goal.limit() : ratio >= goal.limit();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s %s | %s %s | %.2fx | %s %.1fx | %s |%n",
                    goal.description(),
                    format(measured.value()),
                    measured.unit(),
                    format(baseline.value()),
                    baseline.unit(),
                    ratio,
                    goal.atMost() ? "<=" : ">=",
                    goal.limit(),
                    met ? "yes" : "NO");
        }
    }

    /** Returns this process's CPU time in nanoseconds, to show how busy a phase kept the cores. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static String format(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
