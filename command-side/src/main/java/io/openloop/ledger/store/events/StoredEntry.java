package io.openloop.ledger.store.events;

/**
 * What one global position of the event store holds, as an audit reads it: an event, a void document, or nothing.
 *
 * <p>For an event every field is set as stored: {@code payload} and {@code metadata} are the stored RFC 8785
 * canonical JSON texts, {@code hash} the stored hash and {@code prev} the stored link to the previous event of the
 * stream. For a void position only {@code position} and {@code voidReason} ({@code "gap-timeout"} or
 * {@code "aborted"}) are set; for a missing position only {@code position}.
 */
public record StoredEntry(
        Kind kind,
        long position,
        String stream,
        String aggregateType,
        long sequence,
        String eventId,
        String type,
        String revision,
        String timestamp,
        String payload,
        String metadata,
        String hash,
        String prev,
        String voidReason) {

    /** What a position holds. */
    public enum Kind {
        EVENT,
        VOID,
        MISSING
    }

    static StoredEntry voidAt(long position, String reason) {
        return new StoredEntry(
                Kind.VOID, position, null, null, -1, null, null, null, null, null, null, null, null, reason);
    }

    static StoredEntry missingAt(long position) {
        return new StoredEntry(
                Kind.MISSING, position, null, null, -1, null, null, null, null, null, null, null, null, null);
    }

    /** Recomputes the hash of this event from its stored fields; compare it with {@link #hash()}. */
    public String recomputeHash() {
        if (kind != Kind.EVENT) {
            throw new IllegalStateException("position " + position + " holds no event");
        }
        return EventHashes.hash(
                stream, aggregateType, sequence, eventId, type, revision, timestamp, payload, metadata, prev);
    }
}
