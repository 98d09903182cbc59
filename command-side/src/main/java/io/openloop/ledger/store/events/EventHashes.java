package io.openloop.ledger.store.events;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bson.Document;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Computes the tamper-evidence hash of a stored event, so an audit can recompute it from what the event store contains.
 *
 * <p>The hash is the lowercase hex SHA-256 of the RFC 8785 canonical JSON of the object
 * {@code {stream, atype, seq, id, type, rev, ts, payload, meta, prev}}: the stream (aggregate identifier, or the event
 * identifier of an event that belongs to no aggregate), the aggregate type, the sequence number in the stream, the
 * event identifier, the payload type and revision, the event timestamp as stored ({@link
 * java.time.Instant#toString()}), the payload and metadata as JSON values (not as strings) and {@code prev}, the hash
 * of the previous event of the same stream ({@code null} for sequence number 0 and for events that belong to no
 * aggregate). Absent text fields are JSON {@code null}. The global position is not part of the hash, because a commit
 * that loses its positions to another writer is stored again at new ones.
 *
 * <p>A chain is valid when every event's stored {@code hash} equals {@link #recompute(Document, Document)} and every
 * event's {@code prev} equals the {@code hash} of the event one sequence number lower in the same stream.
 */
public final class EventHashes {

    private EventHashes() {}

    /**
     * Computes the hash of one event from its stored fields.
     *
     * @param payloadJson the payload as JSON text, for example the stored canonical string
     * @param metaJson the metadata as JSON text
     * @throws IllegalArgumentException if the payload or metadata is not valid JSON
     */
    public static String hash(
            String stream,
            String aggregateType,
            long sequenceNumber,
            String eventId,
            String payloadType,
            String payloadRevision,
            String timestamp,
            String payloadJson,
            String metaJson,
            String previousHash) {
        String envelope = "{\"stream\":" + quote(stream)
                + ",\"atype\":" + quote(aggregateType)
                + ",\"seq\":" + sequenceNumber
                + ",\"id\":" + quote(eventId)
                + ",\"type\":" + quote(payloadType)
                + ",\"rev\":" + quote(payloadRevision)
                + ",\"ts\":" + quote(timestamp)
                + ",\"payload\":" + payloadJson
                + ",\"meta\":" + metaJson
                + ",\"prev\":" + quote(previousHash)
                + "}";

        byte[] canonical;
        try {
            canonical = new JsonCanonicalizer(envelope).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot hash event " + eventId + ": payload or metadata is not valid JSON (" + e.getMessage() + ")",
                    e);
        }
        return HexFormat.of().formatHex(sha256(canonical));
    }

    /**
     * Recomputes the hash of {@code event}, one element of the {@code events} array of the commit document
     * {@code commit}, from the fields the event store wrote. Compare the result with the event's stored {@code hash}.
     */
    public static String recompute(Document commit, Document event) {
        return hash(
                commit.getString(CommitDocuments.STREAM),
                commit.getString(CommitDocuments.AGGREGATE_TYPE),
                ((Number) event.get(CommitDocuments.EVENT_SEQ)).longValue(),
                event.getString(CommitDocuments.EVENT_ID),
                event.getString(CommitDocuments.EVENT_TYPE),
                event.getString(CommitDocuments.EVENT_REVISION),
                event.getString(CommitDocuments.EVENT_TIMESTAMP),
                event.getString(CommitDocuments.EVENT_PAYLOAD),
                event.getString(CommitDocuments.EVENT_META),
                event.getString(CommitDocuments.EVENT_PREV));
    }

    /** Tells whether the stored {@code hash} of {@code event} matches its recomputed hash. */
    public static boolean matches(Document commit, Document event) {
        return recompute(commit, event).equals(event.getString(CommitDocuments.EVENT_HASH));
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
