package io.openloop.ledger.store.audit;

import java.util.List;

/**
 * The result of verifying a range of the trail.
 *
 * @param fromPosition the first global position checked
 * @param toPosition the last global position checked
 * @param eventsChecked how many events had their hash and stream link recomputed
 * @param streamsChecked how many distinct streams those events belong to
 * @param givenUpPositions positions in the range that a void document marks as given up or aborted; these are not
 *     tampering
 * @param checkpointsChecked how many recorded checkpoints of the global digest were compared
 * @param digest the global digest at {@code toPosition}, or {@code null} when the range was checked by streams only
 * @param firstMismatch the first event that does not match, in global order; {@code null} when the range is clean
 */
public record AuditReport(
        long fromPosition,
        long toPosition,
        long eventsChecked,
        long streamsChecked,
        List<Long> givenUpPositions,
        long checkpointsChecked,
        String digest,
        AuditFinding firstMismatch) {

    public AuditReport {
        givenUpPositions = List.copyOf(givenUpPositions);
    }

    /** Tells whether nothing in the range was found altered. */
    public boolean clean() {
        return firstMismatch == null;
    }
}
