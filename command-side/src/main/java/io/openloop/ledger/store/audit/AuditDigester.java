package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.events.MongoEventStorageEngine;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Advances the checkpoints of the global digest over the settled prefix of the event store, one block of 1,000
 * positions at a time, on a thread of its own.
 *
 * <p>A block is digested once every one of its positions has an event or a void document. A position that has
 * nothing is waited for: the storage engine fences it with a void document {@code gap-timeout} once it has been missing
 * longer than the gap timeout, unless its commit arrives first. The tail after the last full block is never
 * checkpointed.
 *
 * <p>Several nodes may digest one database at once. A checkpoint depends only on the stored events, so two nodes
 * compute the same one; the second insert fails on the unique {@code _id}, and the node compares the stored checkpoint
 * with its own and logs a difference at WARN without overwriting. The progress only moves forward.
 */
public final class AuditDigester {

    private static final Logger logger = LoggerFactory.getLogger(AuditDigester.class);
    private static final AtomicInteger threadCount = new AtomicInteger();
    private static final int FAILED_PASSES_PER_WARNING = 60;

    private final StoredEventReader reader;
    private final AuditCheckpoints checkpoints;
    private final MongoEventStorageEngine engine;
    private final Clock clock;
    private final Duration interval;

    private ScheduledExecutorService executor;
    private volatile boolean running;
    private int failedPasses;
    private volatile long blockInProgress;
    private volatile String lastProblem;

    /**
     * Creates a digester of the store that {@code engine} writes in {@code database}; {@code engine} fences the
     * positions that stay missing. Call {@link #start()} to digest every {@code interval}.
     */
    public AuditDigester(
            MongoEventStorageEngine engine,
            StoredEventReader reader,
            AuditCheckpoints checkpoints,
            Clock clock,
            Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the digest interval must be positive, got " + interval);
        }
        this.engine = engine;
        this.reader = reader;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.interval = interval;
    }

    /** Starts the digester thread; starting a started digester does nothing. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "audit-digester-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::pass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
        logger.debug("Audit digester started; it digests every {}", interval);
    }

    /** Stops the digester thread after the block it is digesting; safe to call twice. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                logger.warn("Audit digester did not stop within 30 s; interrupting it");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        logger.debug("Audit digester stopped");
    }

    /** Returns whether the digester thread is started and not stopped. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Digests every settled block on the calling thread, as the digester thread does at each interval, and returns the
     * number of blocks whose checkpoint was written or confirmed.
     */
    public int digestAvailable() {
        return drain(() -> true);
    }

    private int drain(BooleanSupplier keepDigesting) {
        int blocks = 0;
        while (keepDigesting.getAsBoolean() && digestNextBlock()) {
            blocks++;
        }
        return blocks;
    }

    private void pass() {
        try {
            drain(() -> running);
            if (failedPasses > 0) {
                logger.warn("Audit digester recovered after {} failed passes", failedPasses);
                failedPasses = 0;
            }
        } catch (RuntimeException e) {
            // A failed pass must not end the scheduled task, which would stop every later pass.
            if (failedPasses % FAILED_PASSES_PER_WARNING == 0) {
                logger.warn(
                        "Audit digester failed on the block starting at position {} ({} failed passes in a row);"
                                + " retrying in {}",
                        blockInProgress,
                        failedPasses + 1,
                        interval,
                        e);
            }
            failedPasses++;
        }
    }

    /** Digests the next block if it is settled; returns whether the progress moved past it. */
    private boolean digestNextBlock() {
        long first = checkpoints.nextUndigested();
        blockInProgress = first;
        long last = first + Checkpoint.BLOCK_SIZE - 1;
        if (first % Checkpoint.BLOCK_SIZE != 0) {
            problem("The audit digest progress is at position " + first + ", which does not start a block of "
                    + Checkpoint.BLOCK_SIZE + "; set next in the sequences document audit-digest to a block start");
            return false;
        }
        if (reader.headPosition() <= last) {
            return false;
        }

        List<StoredEntry> block = readSettled(first);
        if (block == null) {
            return false;
        }
        String digestBefore = checkpoints.digestBefore(first);
        if (digestBefore == null) {
            problem("The checkpoint ending at position " + (first - 1) + " is missing, so the block [" + first + ", "
                    + last + "] cannot be digested; verify the trail with GET /api/audit/verify");
            return false;
        }

        Checkpoint computed = BlockDigest.fold(digestBefore, block, clock.instant());
        Checkpoint stored = checkpoints.insertOrFind(computed);
        if (stored == computed) {
            logger.debug(
                    "Checkpoint of positions [{}, {}] written: {} events, {} voids, digest {}",
                    first,
                    last,
                    computed.events(),
                    computed.voids(),
                    computed.digest());
        } else if (!stored.sameContent(computed)) {
            logger.warn(
                    "The stored checkpoint of positions [{}, {}] has digest {}, but the stored events now give {}:"
                            + " events of the block changed after it was digested; the stored checkpoint is kept,"
                            + " verify the trail with GET /api/audit/verify",
                    first,
                    last,
                    stored.digest(),
                    computed.digest());
        } else {
            logger.debug("Checkpoint of positions [{}, {}] was already written by another node", first, last);
        }
        checkpoints.advanceTo(last + 1);
        lastProblem = null;
        return true;
    }

    /**
     * Returns the block's entries once every position has an event or a void document, fencing the positions missing
     * longer than the gap timeout; returns {@code null} while some position is still to be waited for.
     */
    private List<StoredEntry> readSettled(long first) {
        List<StoredEntry> block = reader.readPositions(first, first + Checkpoint.BLOCK_SIZE);
        List<Long> missing = missingPositions(block);
        if (missing.isEmpty()) {
            return block;
        }

        Set<Long> fenced = engine.fenceStaleGaps(missing);
        if (fenced.isEmpty()) {
            logger.debug("Audit digester waits for positions {}, which have no document yet", missing);
            return null;
        }
        block = reader.readPositions(first, first + Checkpoint.BLOCK_SIZE);
        missing = missingPositions(block);
        if (!missing.isEmpty()) {
            logger.debug("Audit digester waits for positions {}, which have no document yet", missing);
            return null;
        }
        return block;
    }

    private static List<Long> missingPositions(List<StoredEntry> block) {
        return block.stream()
                .filter(entry -> entry.kind() == StoredEntry.Kind.MISSING)
                .map(StoredEntry::position)
                .toList();
    }

    /** Logs a problem at WARN the first time it occurs in a row, and at DEBUG while it repeats. */
    private void problem(String message) {
        if (message.equals(lastProblem)) {
            logger.debug(message);
            return;
        }
        lastProblem = message;
        logger.warn(message);
    }
}
