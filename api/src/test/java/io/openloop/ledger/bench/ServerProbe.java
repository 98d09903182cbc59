package io.openloop.ledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the cost of a benchmark phase from the server: its process CPU time from {@code /proc/<pid>/stat}, and the
 * store commands its MongoDB driver counted ({@code mongodb_driver_commands_seconds_count} on
 * {@code /actuator/prometheus}), where writes are {@code insert}, {@code update}, {@code delete} and
 * {@code findAndModify}.
 */
final class ServerProbe {

    private final BenchHttp http;
    private final long serverPid;
    private final long clockTicks;

    /**
     * @param serverPid the server's process id; 0 or less skips the CPU time
     * @param clockTicks the kernel's clock ticks per second ({@code getconf CLK_TCK})
     */
    ServerProbe(BenchHttp http, long serverPid, long clockTicks) {
        this.http = http;
        this.serverPid = serverPid;
        this.clockTicks = clockTicks;
    }

    /** Returns the machine's load averages over 1, 5 and 15 minutes from {@code /proc/loadavg}, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Server CPU ticks and store command counts at one moment; -1 where unknown. */
    record Snapshot(long cpuTicks, long writes, long commands) {}

    Snapshot snapshot() {
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
            String metrics = http.getText("/actuator/prometheus");
            writes = 0;
            commands = 0;
            for (String line : metrics.split("\n")) {
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

    /**
     * Prints the store writes and the server CPU time per completed unit of work between two snapshots, and the share
     * of one core the server used. A figure is left out where a snapshot could not read it.
     *
     * @param unit the unit of work in the singular, for example "invocation"
     */
    void printCosts(String unit, long completed, int seconds, Snapshot before, Snapshot after) {
        if (completed > 0 && before.writes() >= 0 && after.writes() >= 0) {
            System.out.printf(
                    Locale.ROOT,
                    "%-29s %.1f (all store commands %.1f)%n",
                    "store writes per " + unit,
                    (after.writes() - before.writes()) / (double) completed,
                    (after.commands() - before.commands()) / (double) completed);
        }
        if (completed > 0 && before.cpuTicks() >= 0 && after.cpuTicks() >= 0) {
            double cpuMs = (after.cpuTicks() - before.cpuTicks()) * 1000.0 / clockTicks;
            System.out.printf(
                    Locale.ROOT,
                    "%-29s %.2f ms (%.0f%% of one core)%n",
                    "server CPU per " + unit,
                    cpuMs / completed,
                    cpuMs / 10.0 / seconds);
        }
    }
}
