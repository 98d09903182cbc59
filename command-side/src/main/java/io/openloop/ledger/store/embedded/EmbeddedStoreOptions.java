package io.openloop.ledger.store.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link EmbeddedMongoStore}. Start from {@link #defaults(Path)} and change single settings with the
 * {@code with...} methods.
 *
 * @param dataDirectory directory of the data file, created if missing
 * @param bindHost address the MongoDB-wire server listens on
 * @param port TCP port, 0 for a free port chosen at open
 * @param durability what an acknowledged write survives
 * @param cacheSizeMb MVStore page cache, in MiB of heap
 * @param workerThreads server threads that run commands. A writer blocks its thread until its commit completes, so
 *     with fewer threads than concurrent writers those writers take turns and the commit groups shrink
 * @param compactionInterval pause between two background compaction runs
 * @param compactOnClose whether {@link EmbeddedMongoStore#close()} rewrites the file with only its live pages, which
 *     takes time in proportion to the live data (0.5-0.75 s for 134 MiB in docs/embedded-store.md)
 */
public record EmbeddedStoreOptions(
        Path dataDirectory,
        String bindHost,
        int port,
        Durability durability,
        int cacheSizeMb,
        int workerThreads,
        Duration compactionInterval,
        boolean compactOnClose) {

    /** Name of the MVStore file inside the data directory. */
    public static final String DATA_FILE_NAME = "ledger.mv.db";

    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    /**
     * FSYNC, because only it survives a machine crash, and group commit shares one flush among concurrent writers.
     * Measured costs of both modes are in docs/embedded-store.md.
     */
    public static final Durability DEFAULT_DURABILITY = Durability.FSYNC;

    public static final int DEFAULT_CACHE_SIZE_MB = 256;
    public static final int DEFAULT_WORKER_THREADS = 32;
    public static final Duration DEFAULT_COMPACTION_INTERVAL = Duration.ofSeconds(1);

    public EmbeddedStoreOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(compactionInterval, "compactionInterval");
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost is missing; use 127.0.0.1 to accept local connections only");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port [" + port + "] is invalid; use 0-65535, 0 for a free port");
        }
        if (cacheSizeMb < 1) {
            throw new IllegalArgumentException("cacheSizeMb [" + cacheSizeMb + "] is invalid; use 1 or more");
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads [" + workerThreads + "] is invalid; use 1 or more");
        }
        if (compactionInterval.isNegative() || compactionInterval.isZero()) {
            throw new IllegalArgumentException(
                    "compactionInterval [" + compactionInterval + "] is invalid; use a positive duration");
        }
    }

    /** Options with the default settings for a store in {@code dataDirectory}, on 127.0.0.1 and a free port. */
    public static EmbeddedStoreOptions defaults(Path dataDirectory) {
        return new EmbeddedStoreOptions(
                dataDirectory,
                DEFAULT_BIND_HOST,
                0,
                DEFAULT_DURABILITY,
                DEFAULT_CACHE_SIZE_MB,
                DEFAULT_WORKER_THREADS,
                DEFAULT_COMPACTION_INTERVAL,
                true);
    }

    /** Returns the MVStore file, {@value #DATA_FILE_NAME} in the data directory. */
    public Path dataFile() {
        return dataDirectory.resolve(DATA_FILE_NAME);
    }

    public EmbeddedStoreOptions withBindHost(String host) {
        return new EmbeddedStoreOptions(
                dataDirectory, host, port, durability, cacheSizeMb, workerThreads, compactionInterval, compactOnClose);
    }

    public EmbeddedStoreOptions withPort(int tcpPort) {
        return new EmbeddedStoreOptions(
                dataDirectory,
                bindHost,
                tcpPort,
                durability,
                cacheSizeMb,
                workerThreads,
                compactionInterval,
                compactOnClose);
    }

    public EmbeddedStoreOptions withDurability(Durability mode) {
        return new EmbeddedStoreOptions(
                dataDirectory, bindHost, port, mode, cacheSizeMb, workerThreads, compactionInterval, compactOnClose);
    }

    public EmbeddedStoreOptions withCacheSizeMb(int mebibytes) {
        return new EmbeddedStoreOptions(
                dataDirectory,
                bindHost,
                port,
                durability,
                mebibytes,
                workerThreads,
                compactionInterval,
                compactOnClose);
    }

    public EmbeddedStoreOptions withWorkerThreads(int threads) {
        return new EmbeddedStoreOptions(
                dataDirectory, bindHost, port, durability, cacheSizeMb, threads, compactionInterval, compactOnClose);
    }

    public EmbeddedStoreOptions withCompactionInterval(Duration interval) {
        return new EmbeddedStoreOptions(
                dataDirectory, bindHost, port, durability, cacheSizeMb, workerThreads, interval, compactOnClose);
    }

    public EmbeddedStoreOptions withCompactOnClose(boolean compact) {
        return new EmbeddedStoreOptions(
                dataDirectory, bindHost, port, durability, cacheSizeMb, workerThreads, compactionInterval, compact);
    }
}
