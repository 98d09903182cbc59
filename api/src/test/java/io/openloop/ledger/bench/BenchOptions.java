package io.openloop.ledger.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options of the HTTP benchmarks, each {@code --name=value} or a bare {@code --name} (value "true"), and
 * the options every one of them takes: the server's URL, its operator token, its process id and the clock ticks.
 */
final class BenchOptions {

    private final Map<String, String> values = new HashMap<>();

    private BenchOptions(String[] args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            values.put(eq < 0 ? arg : arg.substring(0, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
    }

    static BenchOptions parse(String[] args) {
        return new BenchOptions(args);
    }

    /** Returns whether {@code --quick} was given: the short form for CI. */
    boolean quick() {
        return values.containsKey("--quick");
    }

    /** Returns an integer option, or the default of the quick or the full form when it is absent. */
    int integer(String name, int quickDefault, int fullDefault) {
        String value = values.get(name);
        if (value != null) {
            return Integer.parseInt(value);
        }
        return quick() ? quickDefault : fullDefault;
    }

    /** Returns a text option, or null when it is absent. */
    String text(String name) {
        return values.get(name);
    }

    BenchHttp http() {
        return new BenchHttp(values.getOrDefault("--base-url", "http://127.0.0.1:8080"));
    }

    ServerProbe probe(BenchHttp http) {
        return new ServerProbe(
                http,
                Long.parseLong(values.getOrDefault("--server-pid", "0")),
                Long.parseLong(values.getOrDefault("--clock-ticks", "100")));
    }

    String adminToken() {
        String value = values.get("--admin-token");
        if (value == null) {
            throw new IllegalArgumentException("--admin-token is required");
        }
        return value;
    }
}
