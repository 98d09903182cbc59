package io.openloop.ledger.store.audit;

/**
 * One place where the stored or exported trail does not match its hashes.
 *
 * @param kind what does not match
 * @param position the global position of the event, or of the missing one
 * @param stream the stream (aggregate identifier) of the event, when known
 * @param sequence the sequence number of the event in its stream, when known
 * @param eventId the event identifier, when known
 * @param line the line of an exported file, counted from 1; {@code null} for a check of the store
 * @param detail a sentence that says what was expected and what was found
 */
public record AuditFinding(
        Kind kind, long position, String stream, Long sequence, String eventId, Long line, String detail) {

    /** What an audit found wrong. */
    public enum Kind {
        /** The event's stored hash is not the hash of its contents: the event was changed. */
        HASH_MISMATCH,
        /** The event's {@code prev} is not the hash of the event before it in its stream, or a sequence is skipped. */
        CHAIN_BROKEN,
        /** A position below the digested or exported range holds neither an event nor a void document. */
        EVENT_MISSING,
        /**
         * The event at this position is not the one the global digest recorded there: moved, swapped or inserted. In
         * an exported file, also an event line that the header's filters leave out.
         */
        EVENT_OUT_OF_PLACE,
        /** The recomputed global digest differs from a recorded checkpoint. */
        DIGEST_MISMATCH,
        /** An exported file ends before its end line, or a line is not valid. */
        MALFORMED_EXPORT
    }
}
