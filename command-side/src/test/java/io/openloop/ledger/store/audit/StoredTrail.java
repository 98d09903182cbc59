package io.openloop.ledger.store.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.store.events.EventHashes;
import io.openloop.ledger.store.events.MongoEventStorageEngine;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import io.openloop.ledger.store.testing.DeadWriter;
import io.openloop.ledger.store.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

/**
 * An event store written through the storage engine, with the audit components on it and the direct edits a tamperer
 * could make to its documents.
 */
final class StoredTrail {

    static final String ACCOUNT = "CreditAccount";
    static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);

    /** The payload of the test events. */
    record AmountRecorded(String accountId, long amount, String note) {}

    final MongoDatabase database;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final MongoEventStorageEngine engine;
    final StoredEventReader reader;
    final AuditCheckpoints checkpoints;
    final StoreAuditor auditor;
    private final Map<String, Long> nextSequence = new HashMap<>();

    StoredTrail(MongoDatabase database) {
        this.database = database;
        this.engine = engine(database, clock);
        this.reader = new StoredEventReader(database);
        this.checkpoints = new AuditCheckpoints(database);
        this.auditor = new StoreAuditor(reader, checkpoints);
    }

    /** Returns another engine on the same database, as a second node would run. */
    static MongoEventStorageEngine engine(MongoDatabase database, MutableClock clock) {
        JacksonSerializer serializer =
                JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
        return MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .clock(clock)
                .gapTimeout(GAP_TIMEOUT)
                .build();
    }

    AuditDigester digester() {
        return digester(engine);
    }

    AuditDigester digester(MongoEventStorageEngine node) {
        return new AuditDigester(node, reader, checkpoints, clock, Duration.ofMillis(50));
    }

    /**
     * Appends {@code count} events over {@code streams} streams, each event a commit of its own, in batches that the
     * engine stores together.
     */
    void append(int count, int streams) {
        for (int written = 0; written < count; written += streams) {
            List<EventMessage<?>> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(streams, count - written); i++) {
                batch.add(nextEvent("acct_" + i));
            }
            // One call per batch: the engine stores one commit per aggregate.
            engine.appendEvents(batch);
        }
    }

    /** Appends one event to {@code stream}. */
    void appendTo(String stream) {
        engine.appendEvents(nextEvent(stream));
    }

    /**
     * Appends to {@code stream} an event with the sequence number of its last event, which the engine rejects after it
     * took a position for it; returns that position, which now holds a void document {@code aborted}.
     */
    long appendRejected(String stream) {
        long head = reader.headPosition();
        long last = nextSequence.getOrDefault(stream, 0L) - 1;
        EventMessage<?> duplicate =
                new GenericDomainEventMessage<>(ACCOUNT, stream, last, new AmountRecorded(stream, 1, "duplicate"));
        assertThatThrownBy(() -> engine.appendEvents(duplicate)).isInstanceOf(ConcurrencyException.class);
        return head;
    }

    private EventMessage<?> nextEvent(String stream) {
        long sequence = nextSequence.merge(stream, 1L, Long::sum) - 1;
        return new GenericDomainEventMessage<>(
                ACCOUNT,
                stream,
                sequence,
                new AmountRecorded(stream, 100 + sequence, "grant " + sequence),
                Map.of("traceId", "trace-" + sequence),
                UUID.randomUUID().toString(),
                clock.instant());
    }

    /** Takes positions from the counter without storing anything, as a writer that died would. */
    long allocatePositions(int count) {
        return DeadWriter.takePositions(database, count);
    }

    StoredEntry at(long position) {
        return reader.readPositions(position, position + 1).get(0);
    }

    MongoCollection<Document> events() {
        return database.getCollection("events");
    }

    Document commitAt(long position) {
        return events().find(eq("_id", position)).first();
    }

    /** Changes one character of the payload of the single-event commit at {@code position}, leaving its hash. */
    void changePayloadByte(long position) {
        Document commit = commitAt(position);
        Document event = commit.getList("events", Document.class).get(0);
        String payload = event.getString("payload");
        int digit = payload.indexOf("\"amount\":") + "\"amount\":".length();
        char changed = payload.charAt(digit) == '9' ? '8' : '9';
        event.put("payload", payload.substring(0, digit) + changed + payload.substring(digit + 1));
        events().replaceOne(eq("_id", position), commit);
    }

    /** Deletes the commit document at {@code position}. */
    void deleteCommit(long position) {
        events().deleteOne(eq("_id", position));
    }

    /**
     * Exchanges the events of the single-event commits at {@code first} and {@code second}: each document keeps its
     * {@code _id} and positions and takes the other's stream, keys and event.
     */
    void swapCommits(long first, long second) {
        Document a = commitAt(first);
        Document b = commitAt(second);
        // Both are deleted before either is inserted again, because the unique index on keys rejects a stream key
        // twice.
        deleteCommit(first);
        deleteCommit(second);
        events().insertOne(movedTo(b, first));
        events().insertOne(movedTo(a, second));
    }

    private static Document movedTo(Document commit, long position) {
        Document moved = new Document(commit);
        moved.put("_id", position);
        moved.put("pos", List.of(position));
        List<Document> events = new ArrayList<>();
        for (Document event : commit.getList("events", Document.class)) {
            events.add(new Document(event).append("pos", position));
        }
        moved.put("events", events);
        return moved;
    }

    /**
     * Replaces the document at {@code position} with a commit of a new stream whose one event carries a valid hash, as
     * a forger who can compute hashes would write it.
     */
    String forgeEventAt(long position) {
        String stream = "acct_forged_" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String type = AmountRecorded.class.getName();
        String timestamp = clock.instant().toString();
        String payload = "{\"accountId\":\"" + stream + "\",\"amount\":1000000,\"note\":\"forged\"}";
        String meta = "{}";
        String hash = EventHashes.hash(stream, ACCOUNT, 0, eventId, type, null, timestamp, payload, meta, null);
        Document event = new Document("id", eventId)
                .append("seq", 0L)
                .append("pos", position)
                .append("type", type)
                .append("rev", null)
                .append("ts", timestamp)
                .append("payload", payload)
                .append("meta", meta)
                .append("hash", hash)
                .append("prev", null);
        Document commit = new Document("_id", position)
                .append("pos", List.of(position))
                .append("keys", List.of(stream + ":0"))
                .append("stream", stream)
                .append("atype", ACCOUNT)
                .append("seq", 0L)
                .append("n", 1)
                .append("ts", timestamp)
                .append("events", List.of(event));
        events().replaceOne(eq("_id", position), commit);
        return stream;
    }

    /** Returns the global digest over every event stored below {@code end}, folded here without the auditor. */
    String foldDigest(long end) {
        String digest = AuditDigest.GENESIS;
        for (long from = 0; from < end; from += StoredEventReader.MAX_WINDOW) {
            for (StoredEntry entry : reader.readPositions(from, Math.min(end, from + StoredEventReader.MAX_WINDOW))) {
                if (entry.kind() == StoredEntry.Kind.EVENT) {
                    digest = AuditDigest.next(digest, entry.position(), entry.hash());
                }
            }
        }
        return digest;
    }
}
