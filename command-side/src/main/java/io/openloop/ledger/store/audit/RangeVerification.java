package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.audit.AuditFinding.Kind;
import io.openloop.ledger.store.audit.EventChecks.Link;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One verification of a range of global positions, in position order, stopping at the first finding.
 *
 * <p>The global digest is folded from the last checkpoint at or before the block of the first position. Positions of
 * that block before the range are folded without being checked, so that the digest can be compared at the block's end.
 */
final class RangeVerification {

    /** The maximum number of positions folded before the range to learn the digest there. */
    static final long MAX_POSITIONS_FOLDED_BEFORE = 100_000;

    private final StoredEventReader reader;
    private final AuditCheckpoints checkpoints;
    private final long from;
    private final long to;
    private final long nextUndigested;

    private final Map<String, Link> lastOfStream = new HashMap<>();
    private final List<Long> givenUp = new ArrayList<>();
    private String digest;
    private Checkpoint checkpoint;
    private long eventsChecked;
    private long checkpointsChecked;
    private long lastChecked;
    private AuditFinding finding;

    /** Prepares a verification of the positions {@code from} to {@code to}, both inclusive, with {@code to >= from}. */
    RangeVerification(StoredEventReader reader, AuditCheckpoints checkpoints, long from, long to) {
        this.reader = reader;
        this.checkpoints = checkpoints;
        this.from = from;
        this.to = to;
        this.nextUndigested = checkpoints.nextUndigested();
        this.lastChecked = from - 1;
    }

    AuditReport run() {
        long position = startFolding();
        while (position <= to && finding == null) {
            long blockEnd = Checkpoint.blockEnd(position);
            long windowEnd = Math.min(blockEnd, to);
            checkpoint = blockEnd >= from ? checkpoints.find(blockEnd) : null;
            checkBlockRecord(Math.max(position, from), blockEnd);

            for (StoredEntry entry : reader.readPositions(position, windowEnd + 1)) {
                if (finding != null) {
                    break;
                }
                if (entry.position() < from) {
                    fold(entry);
                } else {
                    check(entry);
                    lastChecked = entry.position();
                }
            }
            position = windowEnd + 1;
        }

        return new AuditReport(
                from,
                lastChecked,
                eventsChecked,
                lastOfStream.size(),
                givenUp,
                checkpointsChecked,
                finding == null ? digest : null,
                finding);
    }

    /**
     * Sets the digest from the nearest checkpoint at or before the block of {@code from} and returns the position
     * where folding starts; the digest stays unknown ({@code null}) when that checkpoint is missing or too far back.
     */
    private long startFolding() {
        long blockStart = Checkpoint.blockStart(from);
        long start = Math.min(blockStart, nextUndigested);
        if (from - start > MAX_POSITIONS_FOLDED_BEFORE) {
            digest = null;
            return blockStart;
        }
        digest = checkpoints.digestBefore(start);
        return start;
    }

    /** Records a finding when the block was digested but its checkpoint is missing or damaged. */
    private void checkBlockRecord(long firstChecked, long blockEnd) {
        if (firstChecked > Math.min(blockEnd, to)) {
            return;
        }
        if (checkpoint == null && blockEnd < nextUndigested) {
            finding = EventChecks.finding(
                    Kind.DIGEST_MISMATCH,
                    firstChecked,
                    "the checkpoint of positions [" + Checkpoint.blockStart(blockEnd) + ", " + blockEnd
                            + "] is missing, though the digest progress has passed it");
        } else if (checkpoint != null && !checkpoint.wellFormed()) {
            finding = EventChecks.finding(
                    Kind.DIGEST_MISMATCH,
                    firstChecked,
                    "the checkpoint of positions [" + Checkpoint.blockStart(blockEnd) + ", " + blockEnd
                            + "] is damaged: its bounds, digest or marks are not those of a block");
            checkpoint = null;
        }
    }

    private void fold(StoredEntry entry) {
        if (digest == null) {
            return;
        }
        switch (entry.kind()) {
            case EVENT -> digest = AuditDigest.next(digest, entry.position(), entry.hash());
            case VOID -> {}
            // A position still on its way may yet hold an event, so the digest after it is not known.
            case MISSING -> digest = null;
        }
    }

    private void check(StoredEntry entry) {
        switch (entry.kind()) {
            case EVENT -> checkEvent(entry);
            case VOID -> checkVoid(entry);
            case MISSING -> checkMissing(entry);
        }
        if (finding == null) {
            fold(entry);
            compareDigestAtBlockEnd(entry.position());
        }
    }

    private void checkEvent(StoredEntry event) {
        eventsChecked++;
        finding = EventChecks.hashMismatch(event);
        if (finding == null && checkpoint != null) {
            String digested = checkpoint.markAt(event.position());
            if (!digested.equals(Checkpoint.markOf(event))) {
                finding = EventChecks.finding(Kind.EVENT_OUT_OF_PLACE, event, outOfPlaceDetail(digested, event));
            }
        }
        if (finding == null) {
            finding = EventChecks.chainBroken(event, previousInStream(event));
        }
        lastOfStream.put(event.stream(), Link.of(event));
    }

    private static String outOfPlaceDetail(String digested, StoredEntry event) {
        if (digested.equals(Checkpoint.VOID_MARK)) {
            return "the checkpoint recorded a void position here, but an event is stored";
        }
        return "the checkpoint recorded an event whose hash starts with " + digested + ", but the stored event's hash"
                + " is " + event.hash();
    }

    private void checkVoid(StoredEntry entry) {
        if (checkpoint != null && !checkpoint.markAt(entry.position()).equals(Checkpoint.VOID_MARK)) {
            finding = EventChecks.finding(
                    Kind.EVENT_MISSING,
                    entry.position(),
                    "the checkpoint recorded an event whose hash starts with "
                            + checkpoint.markAt(entry.position()) + ", but a void document (" + entry.voidReason()
                            + ") is stored");
            return;
        }
        givenUp.add(entry.position());
    }

    private void checkMissing(StoredEntry entry) {
        if (checkpoint == null) {
            // Past the checkpoints a commit may still be on its way; the storage engine fences it after the gap
            // timeout.
            return;
        }
        String digested = checkpoint.markAt(entry.position());
        String recorded = digested.equals(Checkpoint.VOID_MARK)
                ? "a void position"
                : "an event whose hash starts with " + digested;
        finding = EventChecks.finding(
                Kind.EVENT_MISSING,
                entry.position(),
                "nothing is stored at this position, but the checkpoint recorded " + recorded);
    }

    private void compareDigestAtBlockEnd(long position) {
        if (checkpoint == null || position != checkpoint.last()) {
            return;
        }
        if (digest == null) {
            // The digest before the range was not known; later blocks are compared from this checkpoint on.
            digest = checkpoint.digest();
            return;
        }
        checkpointsChecked++;
        if (!digest.equals(checkpoint.digest())) {
            finding = EventChecks.finding(
                    Kind.DIGEST_MISMATCH,
                    position,
                    "the stored events of positions [" + checkpoint.first() + ", " + position + "] digest to " + digest
                            + ", but the checkpoint recorded " + checkpoint.digest());
        }
    }

    /**
     * Returns the last event of the event's stream before it: the one seen earlier in this range, or else the stored
     * event one sequence number lower, read from the store; {@code null} when there is none.
     */
    private Link previousInStream(StoredEntry event) {
        Link seen = lastOfStream.get(event.stream());
        if (seen != null || event.sequence() == 0) {
            return seen;
        }
        List<StoredEntry> previous = reader.readStream(event.stream(), event.sequence() - 1, event.sequence());
        if (previous.isEmpty()) {
            return null;
        }
        StoredEntry stored = previous.get(0);
        if (stored.position() > event.position()) {
            // The event one sequence number lower is stored after this one, so it does not precede it.
            return null;
        }
        return Link.of(stored);
    }
}
