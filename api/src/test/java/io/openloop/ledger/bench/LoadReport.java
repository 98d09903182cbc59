package io.openloop.ledger.bench;

import java.util.Locale;
import java.util.Properties;

/** Prints the load benchmark's figures and goals as Markdown tables: the ledger beside the ceiling. */
final class LoadReport {

    private static final double MIN_CEILING_SHARE = 0.5;
    private static final double MAX_CPU_MS = 0.25;
    private static final double MAX_HALF_P99_MS = 25;
    private static final double MAX_LAG_P99_MS = 1_000;

    private final Properties ceiling;
    private final LedgerLoad.Run peak;
    private final LedgerLoad.Run half;

    LoadReport(Properties ceiling, LedgerLoad.Run peak, LedgerLoad.Run half) {
        this.ceiling = ceiling;
        this.peak = peak;
        this.half = half;
    }

    void print() {
        System.out.println();
        System.out.println("| figure | ceiling | ledger |");
        System.out.println("|---|---:|---:|");
        row(
                "peak, 2xx/s",
                format(ceiling("peakRate"), "%,.0f"),
                format(peak.result().successRate(), "%,.0f"));
        row(
                "p99 at the peak, ms",
                format(ceiling("peakP99Ms"), "%.1f"),
                ms(peak.result().p99Micros()));
        row(
                "rate paced at half the peak, 2xx/s",
                format(ceiling("halfRate"), "%,.0f"),
                format(half.result().successRate(), "%,.0f"));
        row(
                "p50 / p99 / p999 at half the peak, ms",
                "p99 " + format(ceiling("halfP99Ms"), "%.1f"),
                ms(half.result().p50Micros()) + " / " + ms(half.result().p99Micros()) + " / "
                        + ms(half.result().p999Micros()));
        row(
                "CPU per request at the peak, ms",
                format(ceiling("peakCpuMs"), "%.3f"),
                format(peak.cpuPerCommand(), "%.3f"));
        row(
                "CPU per request at half the peak, ms",
                format(ceiling("halfCpuMs"), "%.3f"),
                format(half.cpuPerCommand(), "%.3f"));
        row("projection lag p50 / p99 at the peak, ms", "", lag(peak));
        row("projection lag p50 / p99 at half the peak, ms", "", lag(half));

        double share = peak.result().successRate() / ceiling("peakRate");
        double halfP99 = half.result().p99Micros() / 1e3;
        System.out.println();
        System.out.println("| goal | measured | limit | met |");
        System.out.println("|---|---:|---:|---|");
        goal(
                "ledger peak vs ceiling peak",
                format(share, "%.2fx"),
                ">= " + MIN_CEILING_SHARE + "x",
                share >= MIN_CEILING_SHARE);
        goal(
                "server CPU per invocation at the peak",
                format(peak.cpuPerCommand(), "%.3f ms"),
                "<= " + MAX_CPU_MS + " ms",
                peak.cpuPerCommand() <= MAX_CPU_MS);
        goal(
                "p99 at half the peak",
                format(halfP99, "%.1f ms"),
                "<= " + MAX_HALF_P99_MS + " ms",
                halfP99 <= MAX_HALF_P99_MS);
        double peakLag = peak.lags().quantileMillis(0.99);
        double halfLag = half.lags().quantileMillis(0.99);
        goal("projection lag p99 at the peak", format(peakLag, "%.0f ms"), "<= 1 s", peakLag <= MAX_LAG_P99_MS);
        goal("projection lag p99 at half the peak", format(halfLag, "%.0f ms"), "<= 1 s", halfLag <= MAX_LAG_P99_MS);
    }

    private double ceiling(String name) {
        String value = ceiling.getProperty(name);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    private static String lag(LedgerLoad.Run run) {
        return format(run.lags().quantileMillis(0.5), "%.0f") + " / "
                + format(run.lags().quantileMillis(0.99), "%.0f") + " ("
                + run.lags().count() + " samples)";
    }

    private static String ms(long micros) {
        return format(micros / 1e3, "%.1f");
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) ? "unknown" : String.format(Locale.ROOT, pattern, value);
    }

    private static void row(String figure, String ceilingValue, String ledgerValue) {
        System.out.println("| " + figure + " | " + ceilingValue + " | " + ledgerValue + " |");
    }

    private static void goal(String goal, String measured, String limit, boolean met) {
        System.out.println("| " + goal + " | " + measured + " | " + limit + " | " + (met ? "yes" : "NO") + " |");
    }
}
