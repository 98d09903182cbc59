package io.openloop.ledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Measures the event store on the embedded store with production settings and prints the figures and their ratios
 * against the goals as Markdown tables. It is not a test: {@code scripts/bench-store.sh [--quick]} compiles and runs
 * it.
 *
 * <p>Every store is fresh, in its own directory under the work directory: the embedded store with its defaults
 * (durability FSYNC, the server's default), the engine built as the server builds it (JacksonSerializer, default gap
 * timeout), and clients with the server's write concern. The phases:
 *
 * <ol>
 *   <li>{@code append}: engine appends in batches of 100 from one writer and single events from 16 writers, beside raw
 *       {@code insertMany} and {@code insertOne} of documents of the same shape into a collection with the engine's
 *       indexes;
 *   <li>{@code catchup}: a burst of single events, read from the tail through the engine's tracking stream, by a
 *       pooled streaming processor, and by raw {@code pos $in} queries of 1,000 positions; and the data file's size
 *       beside that of the same burst in a store with the H2 backend's default background commit;
 *   <li>{@code load}: the median time to load an aggregate of 50 events at a small and at a large store.
 * </ol>
 *
 * <p>Arguments: {@code --quick} for scaled-down counts, {@code --work-dir=DIR} (default {@code target/bench}, deleted
 * phase by phase), {@code --only=append,catchup,load} to run some phases. The system property {@code
 * bench.cacheSizeMb} sets the embedded store's page cache in MiB (default 256, the server's).
 */
public final class EventStoreBenchmark {

    private static final List<String> PHASES = List.of("append", "catchup", "load");

    private EventStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchScale scale = BenchScale.full();
        Path workDirectory = Path.of("target", "bench");
        Set<String> phases = Set.copyOf(PHASES);
        for (String arg : args) {
            if (arg.equals("--quick")) {
                scale = BenchScale.quick();
            } else if (arg.startsWith("--work-dir=")) {
                workDirectory = Path.of(arg.substring("--work-dir=".length()));
            } else if (arg.startsWith("--only=")) {
                phases = Set.copyOf(
                        Arrays.asList(arg.substring("--only=".length()).split(",")));
                if (!PHASES.containsAll(phases)) {
                    throw new IllegalArgumentException("Unknown phase in [" + arg + "]; use any of " + PHASES);
                }
            } else {
                throw new IllegalArgumentException(
                        "Unknown argument [" + arg + "]; use --quick, --work-dir=DIR or --only=" + PHASES);
            }
        }
        Files.createDirectories(workDirectory);

        printSetup(scale, workDirectory, phases);
        BenchResults results = new BenchResults();
        long start = System.nanoTime();
        if (phases.contains("append")) {
            AppendBenchmark.run(workDirectory, scale, results);
        }
        if (phases.contains("catchup")) {
            CatchUpBenchmark.run(workDirectory, scale, results);
        }
        if (phases.contains("load")) {
            LoadBenchmark.run(workDirectory, scale, results);
        }
        results.printTables();
        System.out.printf(Locale.ROOT, "%nTotal %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static void printSetup(BenchScale scale, Path workDirectory, Set<String> phases) {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "Event store benchmark, %s scale %s; phases %s; work directory %s%n",
                scale.name(),
                scale,
                PHASES.stream().filter(phases::contains).toList(),
                workDirectory.toAbsolutePath());
        System.out.printf(
                Locale.ROOT,
                "Java %s (%s), %d processors, max heap %d MiB, embedded store page cache %d MiB%n",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                runtime.availableProcessors(),
                runtime.maxMemory() >> 20,
                BenchStores.CACHE_SIZE_MB);
    }
}
