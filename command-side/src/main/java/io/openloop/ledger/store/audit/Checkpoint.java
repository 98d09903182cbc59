package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.events.StoredEntry;
import java.util.Objects;

/**
 * The recorded state of the global digest after one block of {@link #BLOCK_SIZE} positions, as stored in
 * {@code audit_checkpoints}.
 *
 * <p>Block {@code k} covers the positions {@code [k * 1000, k * 1000 + 999]}. {@code marks} contains one mark of
 * {@link #MARK_LENGTH} characters per position of the block, in position order: the first 16 characters of the stored
 * hash of the event that was digested there, or {@link #VOID_MARK} for a void position. The marks let a verification
 * name the exact position whose event differs from the digested one.
 *
 * @param last the last position of the block, the document's {@code _id}
 * @param first the first position of the block
 * @param digest the global digest after the last event of the block
 * @param events how many positions of the block hold an event
 * @param voids how many positions of the block hold a void document
 * @param marks the marks of the block's positions, {@code 16 * 1000} characters
 * @param at when the checkpoint was written, as an ISO-8601 instant
 */
public record Checkpoint(long last, long first, String digest, int events, int voids, String marks, String at) {

    /** The number of positions in a block. */
    public static final int BLOCK_SIZE = 1000;

    /** The number of characters of one position's mark. */
    public static final int MARK_LENGTH = 16;

    /** The mark of a void position. */
    public static final String VOID_MARK = "-".repeat(MARK_LENGTH);

    /** Returns the first position of the block that contains {@code position}. */
    public static long blockStart(long position) {
        return position - position % BLOCK_SIZE;
    }

    /** Returns the last position of the block that contains {@code position}, the {@code _id} of its checkpoint. */
    public static long blockEnd(long position) {
        return blockStart(position) + BLOCK_SIZE - 1;
    }

    /**
     * Returns the mark of a position that contains {@code entry}: the first 16 characters of an event's stored hash, or
     * {@link #VOID_MARK}. A stored hash shorter than 16 characters is padded with {@code ?}.
     */
    public static String markOf(StoredEntry entry) {
        if (entry.kind() == StoredEntry.Kind.VOID) {
            return VOID_MARK;
        }
        String hash = String.valueOf(entry.hash());
        return hash.length() >= MARK_LENGTH
                ? hash.substring(0, MARK_LENGTH)
                : hash + "?".repeat(MARK_LENGTH - hash.length());
    }

    /** Returns the recorded mark of {@code position}, which must lie in this block. */
    public String markAt(long position) {
        int offset = (int) (position - first) * MARK_LENGTH;
        return marks.substring(offset, offset + MARK_LENGTH);
    }

    /** Tells whether the checkpoint has the shape of a block: its bounds, and one mark for every position. */
    public boolean wellFormed() {
        return first >= 0
                && first % BLOCK_SIZE == 0
                && last == first + BLOCK_SIZE - 1
                && digest != null
                && marks != null
                && marks.length() == BLOCK_SIZE * MARK_LENGTH;
    }

    /** Tells whether {@code other} records the same digest, counts and marks; the write time may differ. */
    public boolean sameContent(Checkpoint other) {
        return last == other.last
                && first == other.first
                && events == other.events
                && voids == other.voids
                && Objects.equals(digest, other.digest)
                && Objects.equals(marks, other.marks);
    }
}
