package io.openloop.ledger.store.deadlines;

import static io.openloop.ledger.store.deadlines.DeadlineDocuments.attempts;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.deadlineName;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.scheduleId;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of one node that fires due deadlines. Every poll claims the claimable deadlines one at a time, fires each
 * through {@link Firing}, and then deletes it, releases it for a retry after a backoff, or drops it when its scope no
 * longer resolves. A poll reads batches until a batch comes back short, so a backlog drains without waiting for the
 * next interval.
 */
final class DeadlinePoller {

    private static final Logger logger = LoggerFactory.getLogger(DeadlinePoller.class);
    private static final AtomicInteger threadCount = new AtomicInteger();
    private static final int FAILED_POLLS_PER_WARNING = 60;

    /** Fires one claimed deadline in a unit of work; throws when the handler or the unit of work failed. */
    interface Firing {
        Result fire(Document claimed) throws Exception;
    }

    /** The outcome of a firing that did not throw. */
    enum Result {
        FIRED,
        SCOPE_NOT_RESOLVED
    }

    private final DeadlineClaims claims;
    private final Firing firing;
    private final Duration pollInterval;
    private final int batchSize;
    private final Duration initialRetryDelay;
    private final Duration maxRetryDelay;
    private final Duration shutdownTimeout;

    private ScheduledExecutorService executor;
    private volatile boolean running;
    private int failedPolls;

    DeadlinePoller(DeadlineClaims claims, Firing firing, MongoDeadlineManagerBuilder settings) {
        this.claims = claims;
        this.firing = firing;
        this.pollInterval = settings.pollInterval();
        this.batchSize = settings.batchSize();
        this.initialRetryDelay = settings.initialRetryDelay();
        this.maxRetryDelay = settings.maxRetryDelay();
        this.shutdownTimeout = settings.shutdownTimeout();
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "deadline-poller-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
        logger.info("Deadline poller of node [{}] started; it polls every {}", claims.nodeId(), pollInterval);
    }

    /** Stops polling and waits up to the shutdown timeout for the deadline being fired, if any. */
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn(
                        "Deadline poller of node [{}] did not stop within {}; interrupting the deadline handler",
                        claims.nodeId(),
                        shutdownTimeout);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        logger.info("Deadline poller of node [{}] stopped", claims.nodeId());
    }

    boolean isRunning() {
        return running;
    }

    /** Runs one poll on the calling thread, also when the poller thread is stopped. */
    void pollNow() {
        drain(() -> true);
    }

    private void poll() {
        try {
            drain(() -> running);
            if (failedPolls > 0) {
                logger.info(
                        "Deadline poller of node [{}] recovered after {} failed polls", claims.nodeId(), failedPolls);
                failedPolls = 0;
            }
        } catch (RuntimeException e) {
            // A failed poll must not end the scheduled task, which would stop every later poll.
            if (failedPolls % FAILED_POLLS_PER_WARNING == 0) {
                logger.warn(
                        "Deadline poller of node [{}] failed to poll ({} failed polls in a row); retrying in {}",
                        claims.nodeId(),
                        failedPolls + 1,
                        pollInterval,
                        e);
            }
            failedPolls++;
        }
    }

    private void drain(BooleanSupplier keepPolling) {
        while (keepPolling.getAsBoolean()) {
            List<Document> candidates = claims.findClaimable(batchSize);
            for (Document candidate : candidates) {
                if (!keepPolling.getAsBoolean()) {
                    return;
                }
                process(candidate);
            }
            if (candidates.size() < batchSize) {
                return;
            }
        }
    }

    private void process(Document candidate) {
        Document claimed = claims.claim(candidate);
        if (claimed == null) {
            logger.debug("Deadline [{}] was claimed by another node or cancelled", scheduleId(candidate));
            return;
        }

        Result result;
        try {
            result = firing.fire(claimed);
        } catch (Exception e) {
            retryLater(claimed, e);
            return;
        }

        if (result == Result.SCOPE_NOT_RESOLVED) {
            logger.warn(
                    "Dropped deadline [{}] named [{}]: no aggregate or saga resolves its scope",
                    scheduleId(claimed),
                    deadlineName(claimed));
        }
        if (!claims.delete(claimed)) {
            logger.warn(
                    "Deadline [{}] named [{}] fired, but this node's claim had ended: it was cancelled meanwhile,"
                            + " or its lease expired and another node may fire it again",
                    scheduleId(claimed),
                    deadlineName(claimed));
        }
    }

    private void retryLater(Document claimed, Exception failure) {
        int attempt = attempts(claimed) + 1;
        Duration delay = retryDelay(attempt);
        logger.warn(
                "Deadline [{}] named [{}] failed on attempt {}; retrying in {}",
                scheduleId(claimed),
                deadlineName(claimed),
                attempt,
                delay,
                failure);
        if (!claims.releaseForRetry(claimed, delay, failure)) {
            logger.warn(
                    "Could not release deadline [{}] for a retry: this node's claim had ended", scheduleId(claimed));
        }
    }

    /** Returns the delay after failed attempt {@code attempt}: the initial delay, doubled per attempt, capped. */
    Duration retryDelay(int attempt) {
        int doublings = Math.min(attempt - 1, 30);
        Duration delay = initialRetryDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
