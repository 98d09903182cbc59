package io.openloop.ledger.bench;

/**
 * Event counts of one benchmark run.
 *
 * @param warmupEvents events appended before each append measurement and not counted, so the JIT has compiled the path
 * @param batchedEvents events appended in batches of 100 by one writer, and inserted raw in batches of 100
 * @param concurrentEvents single events appended by 16 writers, and inserted raw one by one by 16 writers
 * @param burstEvents events of the burst that tracking readers catch up with
 * @param loadedAggregates aggregates of {@code loadedAggregateEvents} events each, loaded once per store size
 * @param loadedAggregateEvents events of each loaded aggregate
 * @param smallStoreEvents events in the store at the first load measurement
 * @param largeStoreEvents events in the store at the second load measurement
 */
record BenchScale(
        String name,
        int warmupEvents,
        int batchedEvents,
        int concurrentEvents,
        int burstEvents,
        int loadedAggregates,
        int loadedAggregateEvents,
        int smallStoreEvents,
        int largeStoreEvents) {

    /**
     * Returns the counts the goals are stated for. A run took about 8 minutes on the 2-core machine described in
     * docs/benchmarks.md.
     */
    static BenchScale full() {
        return new BenchScale("full", 2_000, 30_000, 16_000, 100_000, 50, 50, 10_000, 500_000);
    }

    /** Returns scaled-down counts for CI. A run took about a minute on the same machine. */
    static BenchScale quick() {
        return new BenchScale("quick", 500, 3_000, 1_600, 5_000, 50, 50, 5_000, 20_000);
    }
}
