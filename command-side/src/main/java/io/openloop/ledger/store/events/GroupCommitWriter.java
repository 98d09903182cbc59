package io.openloop.ledger.store.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores commits from concurrent {@code appendEvents} callers in shared batches (group commit).
 *
 * <p>Each caller queues its commits and blocks. Whichever caller finds no leader at work becomes the leader: it takes
 * the waiting requests (up to a number of events), lets {@link BatchInserter} store them with one counter update and
 * one unordered {@code insertMany}, hands each caller its own outcome, and steps down. A caller whose request is still
 * waiting then becomes the next leader, so no request waits for a leader that is not coming.
 */
final class GroupCommitWriter {

    private static final Logger logger = LoggerFactory.getLogger(GroupCommitWriter.class);

    private final BatchInserter inserter;
    private final int maxBatchEvents;

    private final Object monitor = new Object();
    private final ArrayDeque<AppendRequest> queue = new ArrayDeque<>();
    private boolean leaderActive;

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    GroupCommitWriter(BatchInserter inserter, int maxBatchEvents) {
        this.inserter = inserter;
        this.maxBatchEvents = maxBatchEvents;
    }

    /**
     * Stores the commits and returns once their outcome is known.
     *
     * @throws RuntimeException the failure of the first commit that was not stored, for example Axon's
     *     {@code ConcurrencyException} when another writer stored the same aggregate sequence number first
     */
    void append(List<PendingCommit> commits) {
        AppendRequest request = new AppendRequest(commits);
        requests.incrementAndGet();
        boolean interrupted = false;

        synchronized (monitor) {
            queue.add(request);
        }

        try {
            while (true) {
                List<AppendRequest> batch;
                synchronized (monitor) {
                    while (!request.done && leaderActive) {
                        try {
                            monitor.wait();
                        } catch (InterruptedException e) {
                            // The leader may already be writing this request, so its outcome must still be awaited.
                            interrupted = true;
                        }
                    }
                    if (request.done) {
                        break;
                    }
                    leaderActive = true;
                    batch = drain();
                }

                // The leader writes for other callers too, so its own interrupt must not abort their driver calls.
                // NOTE: an interrupt that arrives while the leader writes still aborts the driver call, and every
                // request of the batch fails.
                if (Thread.interrupted()) {
                    interrupted = true;
                }
                lead(batch);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        request.throwIfFailed();
    }

    private void lead(List<AppendRequest> batch) {
        List<CommitSlot> slots = new ArrayList<>();
        for (AppendRequest request : batch) {
            slots.addAll(request.slots);
        }

        try {
            batches.incrementAndGet();
            inserter.insert(slots);
        } catch (RuntimeException e) {
            logger.warn("Group commit of {} commits failed unexpectedly", slots.size(), e);
            for (CommitSlot slot : slots) {
                slot.failIfOpen(new EventStoreException("Failed to store events: " + e.getMessage(), e));
            }
        } finally {
            synchronized (monitor) {
                for (AppendRequest request : batch) {
                    request.done = true;
                }
                leaderActive = false;
                monitor.notifyAll();
            }
        }
    }

    private List<AppendRequest> drain() {
        List<AppendRequest> batch = new ArrayList<>();
        int events = 0;
        while (!queue.isEmpty() && (batch.isEmpty() || events + queue.peek().eventCount() <= maxBatchEvents)) {
            AppendRequest next = queue.poll();
            batch.add(next);
            events += next.eventCount();
        }
        return batch;
    }

    /** Returns the number of requests waiting for a leader. */
    int queuedRequests() {
        synchronized (monitor) {
            return queue.size();
        }
    }

    /** Returns how many batches leaders have written; fewer than {@link #requestCount()} means appends shared. */
    long batchCount() {
        return batches.get();
    }

    long requestCount() {
        return requests.get();
    }

    /** The commits of one {@code appendEvents} call. */
    private static final class AppendRequest {

        private final List<CommitSlot> slots = new ArrayList<>();
        private boolean done;

        AppendRequest(List<PendingCommit> commits) {
            for (PendingCommit commit : commits) {
                slots.add(new CommitSlot(commit));
            }
        }

        int eventCount() {
            int count = 0;
            for (CommitSlot slot : slots) {
                count += slot.commit().size();
            }
            return count;
        }

        void throwIfFailed() {
            for (CommitSlot slot : slots) {
                if (slot.failure() != null) {
                    throw slot.failure();
                }
            }
            for (CommitSlot slot : slots) {
                if (!slot.stored()) {
                    throw new EventStoreException("The outcome of storing the events of stream ["
                            + slot.commit().stream() + "] is unknown: the writer stopped before reporting it.");
                }
            }
        }
    }
}
