package io.openloop.ledger.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compares the read models of a stopped ledger with the ones a fresh server rebuilds from a copy of its trail. */
final class RebuildCheck {

    private static final Duration HEAD_TIMEOUT = Duration.ofMinutes(3);

    /** Creates a server node on the embedded store in {@code data} with the given ports. */
    @FunctionalInterface
    interface NodeFactory {
        ServerNode create(String name, Path jar, Path data, int port, int storePort, Path log);
    }

    private RebuildCheck() {}

    /**
     * Copies the data directory {@code data} of a stopped store, drops the read models and their tokens in the copy,
     * lets a server rebuild them, and returns a violation for each collection whose digest differs from
     * {@code original}.
     */
    static List<String> compare(Map<String, String> original, Path data, Path work, Path jar, NodeFactory nodes)
            throws IOException, InterruptedException {
        Path copy = work.resolve("rebuild");
        Harness.copyTree(data, copy);
        Files.deleteIfExists(copy.resolve("ledger.lock"));
        int storePort = Harness.freePort();
        ServerNode rebuild =
                nodes.create("rebuild", jar, copy, Harness.freePort(), storePort, work.resolve("rebuild.log"));
        List<String> violations = new ArrayList<>();
        dropReadModelsOffline(copy, storePort);
        long started = rebuild.start();
        try (StoreProbe probe = new StoreProbe("mongodb://127.0.0.1:" + storePort)) {
            Map<String, Long> behind = probe.awaitHead(HEAD_TIMEOUT);
            if (!behind.isEmpty()) {
                violations.add("the rebuild did not reach the head within " + HEAD_TIMEOUT + ": " + behind);
            }
            Map<String, String> rebuilt = probe.stableDigests();
            int same = 0;
            for (String collection : StoreProbe.READ_MODELS) {
                String before = original.get(collection);
                String after = rebuilt.get(collection);
                if (before.equals(after)) {
                    same++;
                } else {
                    violations.add(
                            "read model " + collection + " differs from its rebuild: " + before + " vs " + after);
                    System.out.println("VIOLATION: read model " + collection + " is " + before + ", rebuilt " + after);
                    Path dump = work.resolve("rebuilt-" + collection + ".ndjson");
                    Files.write(dump, probe.documents(collection));
                    System.out.println("the rebuilt documents are in " + dump + "; the original data is in " + data);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "rebuild: server started in %d ms; %d of %d read models equal their rebuild%n",
                    started,
                    same,
                    StoreProbe.READ_MODELS.size());
        } finally {
            rebuild.stop();
        }
        return violations;
    }

    /**
     * Opens the copy in a store process of its own, drops its read models and their tokens, and stops it. A server
     * would start its processors as soon as it is up, so the drop happens while none runs.
     */
    private static void dropReadModelsOffline(Path copy, int storePort) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                        "java",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.openloop.ledger.store.embedded.EmbeddedStoreMain",
                        "--data-dir",
                        copy.toString(),
                        "--port",
                        Integer.toString(storePort),
                        "--durability",
                        "FSYNC")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        copy.resolveSibling("rebuild-store.log").toFile()));
        Process store = builder.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try (StoreProbe probe = new StoreProbe("mongodb://127.0.0.1:" + storePort)) {
                    probe.head();
                    probe.dropReadModels();
                    break;
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(500);
                }
            }
        } finally {
            store.destroy();
            store.waitFor();
        }
    }
}
