package io.openloop.ledger.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.openloop.ledger.messages.credit.CreditAccountOpenedEvent;
import io.openloop.ledger.messages.credit.CreditsGrantedEvent;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.task.TaskCancelledEvent;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.store.audit.AuditDigest;
import io.openloop.ledger.store.events.MongoEventStorageEngine;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

/**
 * Writes a trail of real ledger events through the event storage engine, as the server does, and records the global
 * digest's checkpoints the way the digester does, so exports of it can be checked against known values.
 */
final class StoredTrail {

    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    static final String AGENT = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    static final String BUSINESS = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    static final String OTHER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XC";
    static final String AGENT_ACCOUNT = "acct_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    static final String OTHER_ACCOUNT = "acct_01JE9Z4R8QZ4V2M1T6C3N5B7XC";
    static final String AGENT_TASK = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    static final String OTHER_TASK = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XC";
    static final String PROOF = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XA";

    private final MongoDatabase database;
    private final MongoEventStorageEngine engine;
    private long events;

    StoredTrail(MongoDatabase database) {
        this.database = database;
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper()
                        .registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .setSerializationInclusion(JsonInclude.Include.NON_NULL))
                .build();
        this.engine = MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }

    /**
     * Writes the trail: two accounts opened and granted credits {@code grants} times each (one event per grant, second
     * by second from {@link #T0}), a task from the agent to the business with a proof, a task from the other loop to
     * the business, and a void position after the first third of the grants.
     */
    void write(int grants) {
        append("CreditAccount", AGENT_ACCOUNT, 0, new CreditAccountOpenedEvent(AGENT_ACCOUNT, AGENT, at()));
        append("CreditAccount", OTHER_ACCOUNT, 0, new CreditAccountOpenedEvent(OTHER_ACCOUNT, OTHER, at()));
        append(
                "Task",
                AGENT_TASK,
                0,
                new TaskRequestedEvent(AGENT_TASK, "msg_1", AGENT, BUSINESS, null, "quote", null, at()));
        append(
                "Task",
                OTHER_TASK,
                0,
                new TaskRequestedEvent(OTHER_TASK, "msg_2", OTHER, BUSINESS, null, "quote", null, at()));
        append(
                "Proof",
                PROOF,
                0,
                new ProofAttachedEvent(
                        PROOF,
                        ProofSubjectType.TASK,
                        AGENT_TASK,
                        BUSINESS,
                        new ProofArtifact("document", "https://example.org/q.pdf", null, "ab".repeat(32), at()),
                        VerificationLevel.V1,
                        at()));
        for (int i = 1; i <= grants; i++) {
            append("CreditAccount", AGENT_ACCOUNT, i, grant(AGENT_ACCOUNT, i));
            append("CreditAccount", OTHER_ACCOUNT, i, grant(OTHER_ACCOUNT, i));
            if (i == grants / 3) {
                voidNextPosition();
            }
        }
        append(
                "Task",
                OTHER_TASK,
                1,
                new TaskCancelledEvent(
                        OTHER_TASK, "msg_3", OTHER, BUSINESS, OTHER, TaskState.REQUESTED, "changed plans", null, at()));
    }

    /** Records a checkpoint for every full block below the head, as the digester does. */
    void checkpoint() {
        StoredEventReader reader = new StoredEventReader(database);
        long head = reader.headPosition();
        String digest = AuditDigest.GENESIS;
        MongoCollection<Document> checkpoints = database.getCollection(Checkpoints.COLLECTION);
        for (long block = 0; block + Checkpoints.BLOCK <= head; block += Checkpoints.BLOCK) {
            int count = 0;
            for (StoredEntry entry : reader.readPositions(block, block + Checkpoints.BLOCK)) {
                if (entry.kind() == StoredEntry.Kind.EVENT) {
                    digest = AuditDigest.next(digest, entry.position(), entry.hash());
                    count++;
                }
            }
            checkpoints.insertOne(new Document("_id", block + Checkpoints.BLOCK - 1)
                    .append("first", block)
                    .append("digest", digest)
                    .append("events", count));
        }
    }

    /** Returns the global digest after every stored event below {@code to}. */
    String digestBefore(long to) {
        StoredEventReader reader = new StoredEventReader(database);
        String digest = AuditDigest.GENESIS;
        for (long from = 0; from < to; from += StoredEventReader.MAX_WINDOW) {
            for (StoredEntry entry : reader.readPositions(from, Math.min(to, from + StoredEventReader.MAX_WINDOW))) {
                if (entry.kind() == StoredEntry.Kind.EVENT) {
                    digest = AuditDigest.next(digest, entry.position(), entry.hash());
                }
            }
        }
        return digest;
    }

    /** Returns the timestamp of the {@code n}th event written, counted from 0. */
    static Instant timeOf(long n) {
        return T0.plusSeconds(n);
    }

    private Instant at() {
        return timeOf(events);
    }

    private CreditsGrantedEvent grant(String account, int i) {
        return new CreditsGrantedEvent(account, "grant_" + i, 10, "top-up " + i, 10L * i, at());
    }

    private void append(String aggregateType, String stream, long sequence, Object payload) {
        DomainEventMessage<?> message = new GenericDomainEventMessage<>(
                aggregateType,
                stream,
                sequence,
                payload,
                MetaData.with("requestId", "req_" + events),
                "evt_" + events,
                at());
        engine.appendEvents(List.of(message));
        events++;
    }

    /** Takes the next position from the counter and marks it void, as a reader does after the gap timeout. */
    private void voidNextPosition() {
        Document counter = database.getCollection("sequences")
                .findOneAndUpdate(Filters.eq("_id", "events"), Updates.inc("next", 1L));
        long position = ((Number) counter.get("next")).longValue();
        database.getCollection("events")
                .insertOne(new Document("_id", position)
                        .append("pos", new ArrayList<>(List.of(position)))
                        .append("keys", List.of("~void:" + position))
                        .append("void", "gap-timeout")
                        .append("ts", at().toString()));
    }

    /** Deletes the stored commit at {@code position}, as someone tampering with the store would. */
    void deleteCommitAt(long position) {
        database.getCollection("events").deleteOne(Filters.eq("pos", position));
    }

    /** Changes the stored payload of the event at {@code position} without fixing its hash. */
    void editPayloadAt(long position, Map<String, String> replacement) {
        MongoCollection<Document> commits = database.getCollection("events");
        Document commit = commits.find(Filters.eq("pos", position)).first();
        List<Document> stored = commit.getList("events", Document.class);
        for (Document event : stored) {
            if (((Number) event.get("pos")).longValue() == position) {
                String payload = event.getString("payload");
                for (Map.Entry<String, String> change : replacement.entrySet()) {
                    payload = payload.replace(change.getKey(), change.getValue());
                }
                event.put("payload", payload);
            }
        }
        commits.updateOne(Filters.eq("_id", commit.get("_id")), Updates.set("events", stored));
    }
}
