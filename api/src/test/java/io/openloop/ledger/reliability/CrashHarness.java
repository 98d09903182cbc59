package io.openloop.ledger.reliability;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.LoggerFactory;

/**
 * Kills a server under load with SIGKILL, restarts it, and checks after the last restart that nothing it acknowledged
 * was lost or applied twice. The server runs the jar on its in-process embedded store with FSYNC durability, as in
 * production. See docs/reliability.md for the checks.
 *
 * <p>Usage: {@code CrashHarness --jar=FILE --work=DIR [--kills=N] [--seconds=S] [--workers=N] [--quick]}. The run
 * exits with status 1 when a check finds a violation and 2 when the harness itself failed.
 */
public final class CrashHarness {

    private static final String ADMIN_TOKEN = "crash-harness-operator-token-0123456789abcdef";
    private static final String KEY_SECRET = "crash-harness-key-secret-0123456789abcdef0123";
    private static final Duration HEAD_TIMEOUT = Duration.ofMinutes(3);

    private CrashHarness() {}

    public static void main(String[] args) throws Exception {
        // The driver logs every refused connection while a killed server restarts; its warnings are enough here.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.mongodb.driver")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("de.bwaldvogel")).setLevel(Level.WARN);
        Map<String, String> options = Harness.options(args);
        boolean quick = options.containsKey("--quick");
        int kills = Integer.parseInt(options.getOrDefault("--kills", quick ? "3" : "20"));
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", quick ? "20" : "120"));
        int workers = Integer.parseInt(options.getOrDefault("--workers", "4"));
        Path jar = Path.of(options.getOrDefault("--jar", "api/target/openloop-ledger.jar"));
        Path work = Path.of(options.getOrDefault("--work", "api/target/crash-harness"));
        try {
            int violations = run(jar, work, kills, seconds, workers);
            System.exit(violations == 0 ? 0 : 1);
        } catch (RuntimeException | IOException e) {
            e.printStackTrace(System.out);
            System.exit(2);
        }
    }

    private static int run(Path jar, Path work, int kills, int seconds, int workers)
            throws IOException, InterruptedException {
        Harness.deleteTree(work);
        Files.createDirectories(work);
        Path data = work.resolve("data");
        int storePort = Harness.freePort();
        ServerNode node = node("server", jar, data, Harness.freePort(), storePort, work.resolve("server.log"));
        System.out.printf(
                Locale.ROOT,
                "crash harness: %d kills over about %d s of load, %d workers, data in %s, %d cores%n",
                kills,
                seconds,
                workers,
                data,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "server started in %d ms%n", node.start());

        LedgerClient client = new LedgerClient(List.of(node.baseUrl()));
        List<Long> restarts = new ArrayList<>();
        int survived = 0;
        try (AckLog acks = new AckLog(work.resolve("acknowledged.ndjson"))) {
            Workload load = new Workload(client, ADMIN_TOKEN, acks);
            load.start(workers);
            load.awaitSetUp();
            System.out.printf(Locale.ROOT, "workers set up: %d requests acknowledged%n", acks.size());
            long meanGapMillis = seconds * 1000L / Math.max(1, kills);
            for (int kill = 1; kill <= kills; kill++) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(meanGapMillis / 3, meanGapMillis * 5 / 3 + 1));
                node.kill();
                int acknowledged = acks.size();
                long restart = node.start();
                survived++;
                restarts.add(restart);
                System.out.printf(
                        Locale.ROOT,
                        "kill %d: %d requests acknowledged before it; restarted in %d ms%n",
                        kill,
                        acknowledged,
                        restart);
            }
            Thread.sleep(Math.min(5000, meanGapMillis));
            load.stop();
            System.out.printf(Locale.ROOT, "load stopped: %d requests acknowledged%n", acks.size());

            int violations = check(node, client, storePort, acks, load, work, jar);
            System.out.printf(Locale.ROOT, "%nkills survived            %d%n", survived);
            System.out.printf(Locale.ROOT, "requests acknowledged     %d%n", acks.size());
            acks.counts().forEach((kind, count) -> System.out.printf(Locale.ROOT, "  %-24s%d%n", kind, count));
            System.out.printf(
                    Locale.ROOT, "requests retried          %d (after a kill, or a pending key)%n", client.retries());
            System.out.printf(Locale.ROOT, "requests rejected         %s%n", load.rejections());
            System.out.printf(Locale.ROOT, "restart ms                %s%n", restarts);
            System.out.printf(Locale.ROOT, "invariant violations      %d%n", violations);
            return violations;
        } finally {
            node.kill();
        }
    }

    /** Runs every check and returns the number of violations; leaves the node stopped. */
    private static int check(
            ServerNode node, LedgerClient client, int storePort, AckLog acks, Workload load, Path work, Path jar)
            throws IOException, InterruptedException {
        List<String> violations = new ArrayList<>();
        load.failures().forEach(failure -> violations.add("a worker stopped: " + failure));
        Map<String, String> original;
        try (StoreProbe probe = new StoreProbe("mongodb://127.0.0.1:" + storePort)) {
            Map<String, Long> behind = probe.awaitHead(HEAD_TIMEOUT);
            if (!behind.isEmpty()) {
                violations.add("processors did not reach the head " + probe.head() + " within " + HEAD_TIMEOUT + ": "
                        + behind);
            }
            InvariantChecks checks = new InvariantChecks(client, ADMIN_TOKEN);
            checks.run(acks.acks(), load.loopReaders(), work.resolve("audit-export.ndjson"));
            violations.addAll(checks.violations());
            System.out.printf(
                    Locale.ROOT,
                    "checked %d events of the audit export, head position %d%n",
                    checks.events(),
                    probe.head());
            original = probe.stableDigests();
        }
        node.stop();
        violations.addAll(RebuildCheck.compare(original, work.resolve("data"), work, jar, CrashHarness::node));
        return violations.size();
    }

    static ServerNode node(String name, Path jar, Path data, int port, int storePort, Path log) {
        Map<String, String> environment = new TreeMap<>();
        environment.put("OPENLOOP_DATA_DIR", data.toAbsolutePath().toString());
        environment.put("OPENLOOP_PORT", Integer.toString(port));
        environment.put("OPENLOOP_STORE_PORT", Integer.toString(storePort));
        environment.put("OPENLOOP_STORE_DURABILITY", "fsync");
        environment.put("OPENLOOP_ADMIN_TOKEN", ADMIN_TOKEN);
        environment.put("OPENLOOP_KEY_SECRET", KEY_SECRET);
        // A request cut off by a kill leaves its idempotency key pending, and a retry may take it over only after
        // this time. The production 2 minutes would stall the load after every kill, so the harness uses 10 s.
        return new ServerNode(name, jar, environment, List.of("--openloop.idempotency.stale-after=PT10S"), log);
    }
}
