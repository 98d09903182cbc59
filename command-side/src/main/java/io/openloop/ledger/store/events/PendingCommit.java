package io.openloop.ledger.store.events;

import static io.openloop.ledger.store.events.CommitDocuments.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * The serialized and hashed events of one stream from one {@code appendEvents} call, waiting for global positions.
 *
 * <p>The hashes do not depend on positions, so a commit that must move to new positions keeps its hashes.
 */
final class PendingCommit {

    /** One serialized event; payload and metadata are canonical JSON text. */
    record PreparedEvent(
            String eventId,
            long sequenceNumber,
            String payloadType,
            String payloadRevision,
            String timestamp,
            String payload,
            String meta,
            String hash,
            String previousHash) {}

    private final String stream;
    private final String aggregateType;
    private final boolean aggregateStream;
    private final List<PreparedEvent> events;

    PendingCommit(String stream, String aggregateType, boolean aggregateStream, List<PreparedEvent> events) {
        this.stream = stream;
        this.aggregateType = aggregateType;
        this.aggregateStream = aggregateStream;
        this.events = List.copyOf(events);
    }

    String stream() {
        return stream;
    }

    /** Tells whether the stream is an aggregate's, as opposed to one event that belongs to no aggregate. */
    boolean aggregateStream() {
        return aggregateStream;
    }

    int size() {
        return events.size();
    }

    long firstSequenceNumber() {
        return events.get(0).sequenceNumber();
    }

    PreparedEvent first() {
        return events.get(0);
    }

    PreparedEvent last() {
        return events.get(events.size() - 1);
    }

    /**
     * Returns an upper bound of the encoded size in bytes, cheap to compute: every character counted as three UTF-8
     * bytes, plus room for field names and numbers.
     */
    long maxEncodedBytes() {
        long characters = stream.length() * 2L + (aggregateType == null ? 0 : aggregateType.length());
        for (PreparedEvent event : events) {
            characters += event.eventId().length()
                    + event.payloadType().length()
                    + (event.payloadRevision() == null
                            ? 0
                            : event.payloadRevision().length())
                    + event.timestamp().length()
                    + event.payload().length()
                    + event.meta().length()
                    + event.hash().length() * 2L
                    + stream.length();
        }
        return characters * 3 + 256L * (events.size() + 1);
    }

    /** Returns the exact encoded size in bytes of the commit document, give or take the length of its write time. */
    int encodedBytes() {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        new DocumentCodec()
                .encode(
                        new BsonBinaryWriter(buffer),
                        toDocument(0, Instant.EPOCH),
                        EncoderContext.builder().build());
        return buffer.getPosition();
    }

    List<String> streamKeys() {
        List<String> keys = new ArrayList<>(events.size());
        for (PreparedEvent event : events) {
            keys.add(streamKey(stream, event.sequenceNumber()));
        }
        return keys;
    }

    /** Builds the commit document with the events at positions {@code firstPosition} onwards. */
    Document toDocument(long firstPosition, Instant writtenAt) {
        List<Long> positions = new ArrayList<>(events.size());
        List<Document> eventDocuments = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            PreparedEvent event = events.get(i);
            long position = firstPosition + i;
            positions.add(position);
            eventDocuments.add(new Document(EVENT_ID, event.eventId())
                    .append(EVENT_SEQ, event.sequenceNumber())
                    .append(EVENT_POSITION, position)
                    .append(EVENT_TYPE, event.payloadType())
                    .append(EVENT_REVISION, event.payloadRevision())
                    .append(EVENT_TIMESTAMP, event.timestamp())
                    .append(EVENT_PAYLOAD, event.payload())
                    .append(EVENT_META, event.meta())
                    .append(EVENT_HASH, event.hash())
                    .append(EVENT_PREV, event.previousHash()));
        }

        return new Document(ID, firstPosition)
                .append(POSITIONS, positions)
                .append(KEYS, streamKeys())
                .append(STREAM, stream)
                .append(AGGREGATE_TYPE, aggregateType)
                .append(FIRST_SEQ, firstSequenceNumber())
                .append(COUNT, events.size())
                .append(WRITTEN_AT, writtenAt.toString())
                .append(EVENTS, eventDocuments);
    }
}
