package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.events.StoredEventReader;
import java.util.Collection;
import java.util.List;

/**
 * Verifies the stored trail: a range of global positions against the hashes, the stream links and the checkpoints of
 * the global digest, or a set of whole streams against their hashes and links.
 *
 * <p>Each verification reads the store in windows of at most {@link StoredEventReader#MAX_WINDOW} positions and stops
 * at the first finding in global order. It blocks the calling thread for as long as it reads.
 */
public final class StoreAuditor {

    /** The maximum number of positions in one range verification. */
    public static final long MAX_RANGE = 1_000_000;

    private final StoredEventReader reader;
    private final AuditCheckpoints checkpoints;

    public StoreAuditor(StoredEventReader reader, AuditCheckpoints checkpoints) {
        this.reader = reader;
        this.checkpoints = checkpoints;
    }

    /** Returns the next position the store hands out; every lower position is allocated. */
    public long headPosition() {
        return reader.headPosition();
    }

    /** Returns the last position covered by a checkpoint, or {@code null} before the first checkpoint. */
    public Long digestedThrough() {
        long next = checkpoints.nextUndigested();
        return next == 0 ? null : next - 1;
    }

    /**
     * Verifies the positions {@code fromPosition} to {@code toPosition}, both inclusive; positions at or past the head
     * of the store are left out. Checks each event's hash ({@code HASH_MISMATCH}) and its link to the previous event
     * of its stream ({@code CHAIN_BROKEN}). Where a checkpoint covers the position, it also checks that the position
     * contains what was digested there ({@code EVENT_OUT_OF_PLACE}, {@code EVENT_MISSING}) and that the global digest
     * at the end of each block matches ({@code DIGEST_MISMATCH}). Void positions are listed as given up. A position without a
     * document past the checkpoints may still receive its commit, so it is not a finding, and the digest after it is
     * not reported.
     *
     * <p>The report stops at the first finding: its {@code toPosition} is then the finding's position and its digest
     * is {@code null}. An empty range (nothing below the head) reports {@code toPosition = fromPosition - 1}.
     *
     * @throws IllegalArgumentException if {@code fromPosition} is negative, {@code toPosition} is below
     *     {@code fromPosition - 1}, or the range has more than {@link #MAX_RANGE} positions
     */
    public AuditReport verifyRange(long fromPosition, long toPosition) {
        if (fromPosition < 0 || toPosition < fromPosition - 1 || toPosition - fromPosition >= MAX_RANGE) {
            throw new IllegalArgumentException("invalid range of positions [" + fromPosition + ", " + toPosition
                    + "]: the first position must be 0 or more, the last at least the first minus 1, and the range at"
                    + " most " + MAX_RANGE + " positions long");
        }
        long to = Math.min(toPosition, reader.headPosition() - 1);
        if (to < fromPosition) {
            return new AuditReport(fromPosition, fromPosition - 1, 0, 0, List.of(), 0, null, null);
        }
        return new RangeVerification(reader, checkpoints, fromPosition, to).run();
    }

    /**
     * Verifies whole streams from sequence number 0: each event's hash ({@code HASH_MISMATCH}) and its link to the
     * event one sequence number lower ({@code CHAIN_BROKEN}, also for a missing sequence number). The report has no
     * digest and no given-up positions; its positions span the events checked.
     */
    public AuditReport verifyStreams(Collection<String> streams) {
        return new StreamVerification(reader, streams).run();
    }
}
