package io.openloop.ledger.store.events;

/**
 * One commit inside a group-commit batch, with the positions it was last given and its outcome.
 *
 * <p>Only the batch leader writes a slot; the caller reads it after the leader's hand-off under the writer's monitor.
 */
final class CommitSlot {

    private final PendingCommit commit;
    private long firstPosition = -1;
    private boolean stored;
    private RuntimeException failure;

    CommitSlot(PendingCommit commit) {
        this.commit = commit;
    }

    PendingCommit commit() {
        return commit;
    }

    long firstPosition() {
        return firstPosition;
    }

    void assignPositions(long firstPosition) {
        this.firstPosition = firstPosition;
    }

    boolean stored() {
        return stored;
    }

    RuntimeException failure() {
        return failure;
    }

    void markStored() {
        stored = true;
    }

    void fail(RuntimeException failure) {
        this.failure = failure;
    }

    void failIfOpen(RuntimeException failure) {
        if (!stored && this.failure == null) {
            this.failure = failure;
        }
    }
}
