package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.audit.AuditFinding.Kind;
import io.openloop.ledger.store.events.StoredEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the lines of an exported trail in file order: each event's hash, the links and sequence numbers of each
 * stream, increasing positions and that each event passes the export's filters. For a digestible export it also
 * checks that every position has a line, and that the running global digest matches each checkpoint line and the end
 * line.
 *
 * <p>Memory grows with the number of streams (their last sequence number and hash) and of given-up positions, never
 * with the number of events.
 */
final class TrailCheck {

    private record StreamHead(long sequence, String hash) {}

    /** A line whose position skipped ahead. It is reported once the next line shows whether it was a swap. */
    private record Skip(long line, StoredEntry entry, long firstMissing) {}

    private final boolean digestible;
    private final boolean wholeStreams;
    private final boolean streamsStartAtZero;
    private final long fromPosition;
    private final ExportFilter filter;
    private final Findings findings;
    private final Map<String, StreamHead> streams = new HashMap<>();
    private final List<Long> givenUp = new ArrayList<>();

    private String digest;
    private long expectedPosition;
    private Long lastPosition;
    private long events;
    private long checkpoints;
    private Skip skip;

    /**
     * @param digestible every position from {@code fromPosition} has a line, and {@code digestBefore} is the digest
     *     before it
     * @param wholeStreams every stream appears from sequence number 0 without holes
     * @param filter the events the export keeps; an event line it leaves out is {@code EVENT_OUT_OF_PLACE}
     */
    TrailCheck(
            boolean digestible,
            boolean wholeStreams,
            long fromPosition,
            String digestBefore,
            ExportFilter filter,
            Findings findings) {
        this.digestible = digestible;
        this.wholeStreams = wholeStreams;
        this.streamsStartAtZero = wholeStreams || (digestible && fromPosition == 0);
        this.fromPosition = fromPosition;
        this.filter = filter;
        this.digest = digestBefore;
        this.expectedPosition = fromPosition;
        this.findings = findings;
    }

    void event(long line, StoredEntry event) {
        position(line, event);

        try {
            String recomputed = event.recomputeHash();
            if (!recomputed.equals(event.hash())) {
                findings.add(
                        Kind.HASH_MISMATCH,
                        line,
                        event,
                        "the event's hash is " + event.hash() + " but its fields hash to " + recomputed
                                + ": the event was changed");
            }
        } catch (IllegalArgumentException e) {
            findings.add(Kind.MALFORMED_EXPORT, line, event, "the event cannot be hashed: " + e.getMessage());
        }
        String leftOut = filter.leftOut(event);
        if (leftOut != null) {
            findings.add(Kind.EVENT_OUT_OF_PLACE, line, event, leftOut);
        }
        link(line, event);
        streams.put(event.stream(), new StreamHead(event.sequence(), event.hash()));

        if (digestible) {
            digest = AuditDigest.next(digest, event.position(), event.hash());
        }
        events++;
    }

    void voidPosition(long line, long position, String reason) {
        StoredEntry entry = ExportedFields.voidEntry(position, reason);
        if (!digestible) {
            findings.at(
                    Kind.MALFORMED_EXPORT,
                    line,
                    position,
                    "a void line in an export that is not a complete" + " operator export");
        }
        if (!"gap-timeout".equals(reason) && !"aborted".equals(reason)) {
            findings.at(
                    Kind.MALFORMED_EXPORT,
                    line,
                    position,
                    "void reason '" + reason + "' is neither gap-timeout nor aborted");
        }
        position(line, entry);
        givenUp.add(position);
    }

    void checkpoint(long line, long position, String checkpointDigest) {
        if (!digestible) {
            findings.at(
                    Kind.MALFORMED_EXPORT,
                    line,
                    position,
                    "a checkpoint line in an export that is not a complete" + " operator export");
            return;
        }
        resolveSkip(null);
        if (lastPosition == null || position > lastPosition) {
            long firstMissing = lastPosition == null ? expectedPosition : lastPosition + 1;
            findings.at(
                    Kind.EVENT_MISSING,
                    line,
                    firstMissing,
                    "positions " + firstMissing + " to " + position + " have no line before the checkpoint of position "
                            + position);
            lastPosition = position;
            expectedPosition = position + 1;
        } else if (position < lastPosition) {
            findings.at(
                    Kind.EVENT_OUT_OF_PLACE,
                    line,
                    position,
                    "the checkpoint of position " + position + " follows the line of position " + lastPosition);
        }
        if (!checkpointDigest.equals(digest)) {
            findings.at(
                    Kind.DIGEST_MISMATCH,
                    line,
                    position,
                    "the checkpoint records digest " + checkpointDigest + " but the lines up to position " + position
                            + " give " + digest);
        }
        checkpoints++;
    }

    void end(long line, long endEvents, Long endLastPosition, String endDigest) {
        resolveSkip(null);
        long at = endLastPosition == null ? -1 : endLastPosition;
        if (endEvents > events) {
            findings.at(
                    Kind.EVENT_MISSING,
                    line,
                    at,
                    "the end line counts " + endEvents + " events but the file has " + events
                            + " event lines: lines were removed");
        } else if (endEvents < events) {
            findings.at(
                    Kind.MALFORMED_EXPORT,
                    line,
                    at,
                    "the end line counts " + endEvents + " events but the file has " + events
                            + " event lines: lines were added");
        }
        if (endLastPosition != null && (lastPosition == null || endLastPosition > lastPosition)) {
            findings.at(
                    Kind.EVENT_MISSING,
                    line,
                    at,
                    "the end line names last position " + endLastPosition + " but the last line has position "
                            + lastPosition + ": lines were removed");
        } else if (!Objects.equals(endLastPosition, lastPosition)) {
            findings.at(
                    Kind.MALFORMED_EXPORT,
                    line,
                    at,
                    "the end line names last position " + endLastPosition + " but the last line has position "
                            + lastPosition);
        }
        if (digestible && !Objects.equals(endDigest, digest)) {
            findings.at(
                    Kind.DIGEST_MISMATCH,
                    line,
                    at,
                    "the end line records digest " + endDigest + " but the lines give " + digest);
        }
    }

    /** Reports a pending skipped position at the end of the file. */
    void finish() {
        resolveSkip(null);
    }

    AuditReport report() {
        long to = lastPosition == null ? fromPosition - 1 : lastPosition;
        return new AuditReport(
                fromPosition,
                to,
                events,
                streams.size(),
                givenUp,
                checkpoints,
                digestible ? digest : null,
                findings.first());
    }

    private void position(long line, StoredEntry entry) {
        long position = entry.position();
        boolean completesSwap = resolveSkip(entry);
        if (lastPosition != null && position <= lastPosition) {
            if (!completesSwap) {
                findings.add(
                        Kind.EVENT_OUT_OF_PLACE,
                        line,
                        entry,
                        "position " + position + " follows position " + lastPosition + ": lines are out of order");
            }
            return;
        }
        if (digestible && position > expectedPosition) {
            skip = new Skip(line, entry, expectedPosition);
        }
        lastPosition = position;
        expectedPosition = position + 1;
    }

    /**
     * Reports the pending skip, if any: as a swap when {@code next} has one of the skipped positions, otherwise as
     * missing positions. Returns true for a swap.
     */
    private boolean resolveSkip(StoredEntry next) {
        if (skip == null) {
            return false;
        }
        Skip pending = skip;
        skip = null;
        long lastSkipped = pending.entry().position() - 1;
        if (next != null && next.position() >= pending.firstMissing() && next.position() <= lastSkipped) {
            findings.add(
                    Kind.EVENT_OUT_OF_PLACE,
                    pending.line(),
                    pending.entry(),
                    "position "
                            + pending.entry().position() + " comes before position " + next.position()
                            + " on the next line: the lines are swapped");
            return true;
        }
        findings.at(
                Kind.EVENT_MISSING,
                pending.line(),
                pending.firstMissing(),
                "positions "
                        + pending.firstMissing() + " to " + lastSkipped
                        + " have no line before this one, which has position "
                        + pending.entry().position());
        return false;
    }

    private void link(long line, StoredEntry event) {
        StreamHead head = streams.get(event.stream());
        if (head == null) {
            if (event.sequence() == 0 && event.prev() != null) {
                findings.add(Kind.CHAIN_BROKEN, line, event, "sequence 0 links to a previous event " + event.prev());
            } else if (event.sequence() > 0 && streamsStartAtZero) {
                findings.add(
                        Kind.CHAIN_BROKEN,
                        line,
                        event,
                        "the stream's first line has sequence " + event.sequence()
                                + ", but this export starts every stream at sequence 0");
            }
            return;
        }
        if (event.sequence() <= head.sequence()) {
            findings.add(
                    Kind.CHAIN_BROKEN,
                    line,
                    event,
                    "sequence " + event.sequence() + " follows sequence " + head.sequence() + " of the same stream");
        } else if (event.sequence() == head.sequence() + 1) {
            if (!head.hash().equals(event.prev())) {
                findings.add(
                        Kind.CHAIN_BROKEN,
                        line,
                        event,
                        "prev is " + event.prev() + " but the stream's previous event has hash " + head.hash());
            }
        } else if (wholeStreams || digestible) {
            findings.add(
                    Kind.CHAIN_BROKEN,
                    line,
                    event,
                    "sequence " + event.sequence() + " follows sequence " + head.sequence()
                            + ": the events between are missing");
        }
    }
}
