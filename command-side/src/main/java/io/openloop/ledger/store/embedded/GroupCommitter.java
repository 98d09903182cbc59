package io.openloop.ledger.store.embedded;

import de.bwaldvogel.mongo.exception.MongoServerError;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes writes durable before they are acknowledged, with one commit shared by all writers that wait at the same time.
 *
 * <p>A writer runs its command under the shared side of a gate, then waits until a commit that started after its
 * command completed has finished. The first waiting writer becomes the leader and commits for everyone who waits. The
 * others sleep until it is done, and the next leader then commits everything written during the previous commit.
 *
 * <p>A commit holds the exclusive side of the gate, so it never stores half of a command. A command writes several
 * MVStore maps one after the other (documents, each unique index, collection metadata), and a commit taken in between
 * would reopen after a crash with an index that disagrees with the documents. The exclusive side is held for {@code
 * MVStore.commit()} only; in {@link Durability#FSYNC} mode the following file flush runs outside the gate, so writers
 * go on while it runs, but before the next commit starts.
 */
final class GroupCommitter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private final MVStore store;
    private final Path dataFile;
    private final Durability durability;

    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

    /** Serialises commits, flushes and file maintenance, which must not interleave (see {@link #exclusive}). */
    private final ReentrantLock commitMutex = new ReentrantLock();

    private final ReentrantLock stateLock = new ReentrantLock();
    private final Condition commitFinished = stateLock.newCondition();

    // Guarded by stateLock; closed is also read without it, to reject writes early.
    private long startedCommits;
    private long finishedCommits;
    private boolean leaderActive;
    private volatile boolean closed;
    private RuntimeException failure;

    private final LongAdder writes = new LongAdder();
    private final LongAdder commits = new LongAdder();

    GroupCommitter(MVStore store, Path dataFile, Durability durability) {
        this.store = store;
        this.dataFile = dataFile;
        this.durability = durability;
    }

    /**
     * Runs a write command and returns its reply once the command's effects are committed. If the command fails, its
     * partial effects (for example the first documents of an insert batch) are committed before the failure is
     * rethrown.
     *
     * @throws MongoServerError if the store is closed, or if the commit failed and the write may not be durable
     */
    <T> T write(Supplier<T> command) {
        if (closed) {
            throw shutdownInProgress();
        }

        T reply = null;
        RuntimeException commandFailure = null;
        gate.readLock().lock();
        try {
            reply = command.get();
        } catch (RuntimeException e) {
            commandFailure = e;
        } finally {
            gate.readLock().unlock();
            writes.increment();
        }

        if (commandFailure != null) {
            try {
                awaitCommit();
            } catch (RuntimeException commitFailure) {
                commandFailure.addSuppressed(commitFailure);
            }
            throw commandFailure;
        }
        awaitCommit();
        return reply;
    }

    /** Commits everything written so far, sharing the commit with writers that wait at the same time. */
    void commitNow() {
        awaitCommit();
    }

    /**
     * Runs a file operation that may commit internally (such as moving chunks) while no command runs and no other
     * commit or flush is in progress.
     */
    void exclusive(Runnable operation) {
        commitMutex.lock();
        try {
            gate.writeLock().lock();
            try {
                operation.run();
            } finally {
                gate.writeLock().unlock();
            }
        } finally {
            commitMutex.unlock();
        }
    }

    /** Number of write commands run, including failed ones. */
    long writeCount() {
        return writes.sum();
    }

    /** Number of group commits completed. */
    long commitCount() {
        return commits.sum();
    }

    /**
     * Commits what is written, then rejects further writes. Writers still waiting are released by the final commit.
     */
    void close() {
        awaitCommit();
        stateLock.lock();
        try {
            closed = true;
        } finally {
            stateLock.unlock();
        }
    }

    private void awaitCommit() {
        stateLock.lock();
        try {
            // A commit that starts from now on stores the caller's completed command.
            long target = startedCommits + 1;
            while (true) {
                if (failure != null) {
                    throw new MongoServerError(
                            1,
                            "InternalError",
                            "Commit of the embedded store " + dataFile + " failed, so the write may not be durable: "
                                    + failure.getMessage());
                }
                if (finishedCommits >= target) {
                    return;
                }
                if (closed) {
                    throw shutdownInProgress();
                }
                if (leaderActive) {
                    commitFinished.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
        } finally {
            stateLock.unlock();
        }
    }

    private MongoServerError shutdownInProgress() {
        return new MongoServerError(91, "ShutdownInProgress", "The embedded store " + dataFile + " is closed");
    }

    /** Commits as the leader. Called and returns with {@code stateLock} held, but releases it during the commit. */
    private void lead() {
        leaderActive = true;
        long number = ++startedCommits;
        RuntimeException commitFailure = null;
        stateLock.unlock();
        try {
            commitAndFlush();
        } catch (RuntimeException e) {
            commitFailure = e;
            log.error("Commit of embedded store {} failed; writes are rejected from now on", dataFile, e);
        } finally {
            stateLock.lock();
            leaderActive = false;
            if (commitFailure == null) {
                finishedCommits = number;
            } else {
                failure = commitFailure;
            }
            commitFinished.signalAll();
        }
    }

    private void commitAndFlush() {
        commitMutex.lock();
        try {
            gate.writeLock().lock();
            try {
                store.commit();
            } finally {
                gate.writeLock().unlock();
            }
            if (durability == Durability.FSYNC) {
                store.sync();
            }
            commits.increment();
        } finally {
            commitMutex.unlock();
        }
    }
}
