package io.openloop.ledger.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the wrk HTTP load generator with {@code scripts/lib/bench-load.lua}, which sends the POST requests of a
 * request file and prints a {@code wrk-result} line that {@link #run} parses.
 */
final class WrkRun {

    private final String wrk;
    private final Path luaScript;
    private final String baseUrl;

    WrkRun(String wrk, Path luaScript, String baseUrl) {
        this.wrk = wrk;
        this.luaScript = luaScript;
        this.baseUrl = baseUrl;
    }

    /** Counts and latencies of one run. Latencies are in microseconds, measured by wrk from each request's send. */
    record Result(
            long requests,
            double seconds,
            long statusErrors,
            long socketErrors,
            long timeouts,
            double meanMicros,
            long p50Micros,
            long p90Micros,
            long p99Micros,
            long p999Micros,
            long maxMicros) {

        /** Responses with a 2xx or 3xx status per second. */
        double successRate() {
            return (requests - statusErrors) / seconds;
        }

        long successes() {
            return requests - statusErrors;
        }

        String latencies() {
            return String.format(
                    Locale.ROOT,
                    "p50 %.1f  p90 %.1f  p99 %.1f  p999 %.1f  max %.1f ms",
                    p50Micros / 1e3,
                    p90Micros / 1e3,
                    p99Micros / 1e3,
                    p999Micros / 1e3,
                    maxMicros / 1e3);
        }
    }

    /**
     * Runs wrk and returns its figures.
     *
     * @param delayMillis the wait of each connection after a response before its next request; 0 for a closed loop
     * @throws IllegalStateException when wrk fails or prints no result line
     */
    Result run(Path requestFile, int connections, int seconds, long delayMillis)
            throws IOException, InterruptedException {
        int threads = Math.min(2, connections);
        List<String> command = new ArrayList<>(List.of(
                wrk,
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "30s",
                "--latency",
                "-s",
                luaScript.toString(),
                baseUrl,
                "--",
                requestFile.toString(),
                Long.toString(delayMillis)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        String resultLine = null;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("wrk-result ")) {
                    resultLine = line;
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || resultLine == null) {
            throw new IllegalStateException("wrk exited with " + exit + " and printed:\n" + output);
        }
        return parse(resultLine);
    }

    static Result parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring("wrk-result ".length()).trim().split(" ")) {
            int equals = field.indexOf('=');
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        long socketErrors =
                number(fields, "connect_errors") + number(fields, "read_errors") + number(fields, "write_errors");
        return new Result(
                number(fields, "requests"),
                number(fields, "duration_us") / 1e6,
                number(fields, "status_errors"),
                socketErrors,
                number(fields, "timeouts"),
                Double.parseDouble(fields.get("mean_us")),
                number(fields, "p50_us"),
                number(fields, "p90_us"),
                number(fields, "p99_us"),
                number(fields, "p999_us"),
                number(fields, "max_us"));
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("the wrk-result line has no field " + name);
        }
        return Long.parseLong(value);
    }
}
