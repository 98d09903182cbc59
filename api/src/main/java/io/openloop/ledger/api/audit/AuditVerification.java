package io.openloop.ledger.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.openloop.ledger.store.audit.AuditFinding;
import io.openloop.ledger.store.audit.AuditReport;
import java.util.List;

/**
 * The body of {@code GET /api/audit/verify}: the report of the verified range, and where the store and its digest stood
 * when the verification started.
 *
 * @param fromPosition the first global position checked
 * @param toPosition the last global position checked: the requested end, the last position below the head, or the
 *     position of the first finding; {@code fromPosition - 1} when nothing was checked
 * @param eventsChecked how many events had their hash and stream link recomputed
 * @param streamsChecked how many distinct streams those events belong to
 * @param givenUpPositions void positions in the range (given up after the gap timeout, or left by an aborted commit)
 * @param checkpointsChecked how many checkpoints of the global digest were compared
 * @param digest the global digest after {@code toPosition}; {@code null} for a verification by streams, after a
 *     finding, or when a position past the checkpoints has no document yet
 * @param firstMismatch the first finding in global order, {@code null} when the range is clean
 * @param clean whether nothing in the range was found altered
 * @param headPosition the next position the store hands out; every lower position is allocated
 * @param digestedThrough the last position covered by a checkpoint, {@code null} before the first checkpoint
 */
record AuditVerification(
        long fromPosition,
        long toPosition,
        long eventsChecked,
        long streamsChecked,
        List<Long> givenUpPositions,
        long checkpointsChecked,
        @JsonInclude(JsonInclude.Include.ALWAYS) String digest,
        @JsonInclude(JsonInclude.Include.ALWAYS) AuditFinding firstMismatch,
        boolean clean,
        long headPosition,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long digestedThrough) {

    static AuditVerification of(AuditReport report, long headPosition, Long digestedThrough) {
        return new AuditVerification(
                report.fromPosition(),
                report.toPosition(),
                report.eventsChecked(),
                report.streamsChecked(),
                report.givenUpPositions(),
                report.checkpointsChecked(),
                report.digest(),
                report.firstMismatch(),
                report.clean(),
                headPosition,
                digestedThrough);
    }
}
