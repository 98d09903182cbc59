package io.openloop.ledger.store.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.bson.Document;

/**
 * Field names and conversions of the documents in the events collection.
 *
 * <p>A commit document contains the events one unit of work appended for one stream. A void document contains no event.
 * It marks a position as never to be used, either because the commit that took it failed ({@link #VOID_ABORTED}) or
 * because a tracking reader gave up waiting for it ({@link #VOID_GAP_TIMEOUT}).
 */
final class CommitDocuments {

    static final String ID = "_id";
    static final String POSITIONS = "pos";
    static final String KEYS = "keys";
    static final String STREAM = "stream";
    static final String AGGREGATE_TYPE = "atype";
    static final String FIRST_SEQ = "seq";
    static final String COUNT = "n";
    static final String WRITTEN_AT = "ts";
    static final String EVENTS = "events";
    static final String VOID = "void";

    static final String EVENT_ID = "id";
    static final String EVENT_SEQ = "seq";
    static final String EVENT_POSITION = "pos";
    static final String EVENT_TYPE = "type";
    static final String EVENT_REVISION = "rev";
    static final String EVENT_TIMESTAMP = "ts";
    static final String EVENT_PAYLOAD = "payload";
    static final String EVENT_META = "meta";
    static final String EVENT_HASH = "hash";
    static final String EVENT_PREV = "prev";

    static final String VOID_ABORTED = "aborted";
    static final String VOID_GAP_TIMEOUT = "gap-timeout";

    /** Prefix of the stream keys of void documents; no aggregate may use it as its identifier. */
    static final String VOID_STREAM = "~void";

    private CommitDocuments() {}

    /** Returns the stream key of one event, the value the unique {@code keys} index guards. */
    static String streamKey(String stream, long sequenceNumber) {
        return stream + ":" + sequenceNumber;
    }

    static Document voidDocument(long position, String reason, Instant writtenAt) {
        return new Document(ID, position)
                .append(POSITIONS, List.of(position))
                .append(KEYS, List.of(streamKey(VOID_STREAM, position)))
                .append(VOID, reason)
                .append(WRITTEN_AT, writtenAt.toString());
    }

    static boolean isVoid(Document document) {
        return document.containsKey(VOID);
    }

    static long firstPosition(Document document) {
        return ((Number) document.get(ID)).longValue();
    }

    static List<Long> positions(Document document) {
        List<?> raw = document.getList(POSITIONS, Object.class);
        List<Long> positions = new ArrayList<>(raw.size());
        for (Object value : raw) {
            positions.add(((Number) value).longValue());
        }
        return positions;
    }

    static List<Document> events(Document commit) {
        return commit.getList(EVENTS, Document.class);
    }

    static long eventSeq(Document event) {
        return ((Number) event.get(EVENT_SEQ)).longValue();
    }

    static long eventPosition(Document event) {
        return ((Number) event.get(EVENT_POSITION)).longValue();
    }

    /** Converts one stored event to Axon's event data; payload and metadata stay serialized JSON strings. */
    static DomainEventData<String> toEventData(Document commit, Document event) {
        return new GenericDomainEventEntry<>(
                commit.getString(AGGREGATE_TYPE),
                commit.getString(STREAM),
                eventSeq(event),
                event.getString(EVENT_ID),
                event.getString(EVENT_TIMESTAMP),
                event.getString(EVENT_TYPE),
                event.getString(EVENT_REVISION),
                event.getString(EVENT_PAYLOAD),
                event.getString(EVENT_META));
    }
}
