package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.audit.AuditFinding.Kind;
import io.openloop.ledger.store.events.StoredEntry;
import java.util.Objects;

/** The checks of one stored event on its own and against the previous event of its stream. */
final class EventChecks {

    /** The previous event of a stream, as far as a link check needs it. */
    record Link(long sequence, String hash) {

        static Link of(StoredEntry event) {
            return new Link(event.sequence(), event.hash());
        }
    }

    private EventChecks() {}

    /** Returns a {@code HASH_MISMATCH} when the event's stored hash is not the hash of its stored fields. */
    static AuditFinding hashMismatch(StoredEntry event) {
        String recomputed;
        try {
            recomputed = event.recomputeHash();
        } catch (IllegalArgumentException e) {
            return finding(Kind.HASH_MISMATCH, event, "the payload or metadata is not valid JSON: " + e.getMessage());
        }
        if (recomputed.equals(event.hash())) {
            return null;
        }
        return finding(
                Kind.HASH_MISMATCH,
                event,
                "the stored hash is " + event.hash() + ", but the stored fields hash to " + recomputed);
    }

    /**
     * Returns a {@code CHAIN_BROKEN} when the event does not follow {@code previous}, the last event of its stream
     * before it ({@code null} when no earlier event of the stream is stored): the first event of a stream has no
     * {@code prev}, and every other event follows the event one sequence number lower and names its hash.
     */
    static AuditFinding chainBroken(StoredEntry event, Link previous) {
        long sequence = event.sequence();
        if (sequence == 0) {
            if (previous != null) {
                return finding(
                        Kind.CHAIN_BROKEN,
                        event,
                        "sequence number 0 comes after sequence number " + previous.sequence() + " of its stream");
            }
            return event.prev() == null
                    ? null
                    : finding(
                            Kind.CHAIN_BROKEN,
                            event,
                            "the first event of its stream has prev " + event.prev() + " instead of none");
        }
        if (previous == null) {
            return finding(
                    Kind.CHAIN_BROKEN,
                    event,
                    "no event with sequence number " + (sequence - 1) + " is stored before this one in its stream");
        }
        if (previous.sequence() != sequence - 1) {
            return finding(
                    Kind.CHAIN_BROKEN,
                    event,
                    "sequence number " + sequence + " follows sequence number " + previous.sequence()
                            + " of its stream, not " + (sequence - 1));
        }
        if (!Objects.equals(event.prev(), previous.hash())) {
            return finding(
                    Kind.CHAIN_BROKEN,
                    event,
                    "prev is " + event.prev() + ", but the event with sequence number " + (sequence - 1) + " has hash "
                            + previous.hash());
        }
        return null;
    }

    /** Returns a finding about the event stored at its position. */
    static AuditFinding finding(Kind kind, StoredEntry event, String detail) {
        return new AuditFinding(
                kind, event.position(), event.stream(), event.sequence(), event.eventId(), null, detail);
    }

    /** Returns a finding about a position without an event. */
    static AuditFinding finding(Kind kind, long position, String detail) {
        return new AuditFinding(kind, position, null, null, null, null, detail);
    }
}
