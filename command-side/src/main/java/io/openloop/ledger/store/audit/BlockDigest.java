package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.events.StoredEntry;
import java.time.Instant;
import java.util.List;

/** Folds the entries of one settled block into its checkpoint. */
final class BlockDigest {

    private BlockDigest() {}

    /**
     * Returns the checkpoint of the block whose entries are {@code block}, one per position in order, starting from
     * {@code digestBefore}. Every entry must be an event or a void document: a missing position is never digested.
     */
    static Checkpoint fold(String digestBefore, List<StoredEntry> block, Instant at) {
        if (block.size() != Checkpoint.BLOCK_SIZE) {
            throw new IllegalArgumentException(
                    "a block has " + Checkpoint.BLOCK_SIZE + " positions, got " + block.size());
        }

        long first = block.get(0).position();
        String digest = digestBefore;
        int events = 0;
        int voids = 0;
        StringBuilder marks = new StringBuilder(Checkpoint.BLOCK_SIZE * Checkpoint.MARK_LENGTH);
        for (StoredEntry entry : block) {
            switch (entry.kind()) {
                case EVENT -> {
                    digest = AuditDigest.next(digest, entry.position(), entry.hash());
                    events++;
                }
                case VOID -> voids++;
                case MISSING ->
                    throw new IllegalArgumentException(
                            "position " + entry.position() + " has no document yet and cannot be digested");
            }
            marks.append(Checkpoint.markOf(entry));
        }
        return new Checkpoint(
                first + Checkpoint.BLOCK_SIZE - 1, first, digest, events, voids, marks.toString(), at.toString());
    }
}
