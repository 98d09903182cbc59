package io.openloop.ledger.store.events;

import io.openloop.ledger.store.events.PendingCommit.PreparedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Splits the events of one {@code appendEvents} call into one commit per stream, serializes them as canonical JSON
 * and links each event to the previous one of its stream by hash.
 *
 * <p>Each aggregate's events form one commit, in the order of the aggregate's first event in the call. An event that
 * belongs to no aggregate is a commit of its own, with its event identifier as stream and sequence number 0.
 */
final class CommitAssembler {

    /** The maximum BSON document size of MongoDB and of mongo-java-server: 16 MiB. */
    static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

    // Room for a write time longer than the one measured and for the insert command's own fields.
    private static final int SIZE_MARGIN_BYTES = 1024;

    private final ChainHeads chainHeads;

    CommitAssembler(ChainHeads chainHeads) {
        this.chainHeads = chainHeads;
    }

    List<PendingCommit> assemble(List<? extends EventMessage<?>> events, Serializer serializer) {
        Map<String, List<EventMessage<?>>> groups = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            String groupKey = aggregateId(event) != null ? "a" + aggregateId(event) : "e" + event.getIdentifier();
            groups.computeIfAbsent(groupKey, key -> new ArrayList<>()).add(event);
        }

        List<PendingCommit> commits = new ArrayList<>(groups.size());
        for (List<EventMessage<?>> group : groups.values()) {
            PendingCommit commit = toCommit(group, serializer);
            requireStorableSize(commit);
            commits.add(commit);
        }
        return commits;
    }

    /** Rejects a commit too large for one document before it can fail a whole group-commit batch. */
    private static void requireStorableSize(PendingCommit commit) {
        if (commit.maxEncodedBytes() <= MAX_DOCUMENT_BYTES - SIZE_MARGIN_BYTES) {
            return;
        }
        int bytes = commit.encodedBytes();
        if (bytes > MAX_DOCUMENT_BYTES - SIZE_MARGIN_BYTES) {
            throw new EventStoreException("The " + commit.size() + " events of stream [" + commit.stream() + "] take "
                    + bytes + " bytes as one commit document, above the 16 MiB document limit of MongoDB. Append"
                    + " fewer or smaller events per unit of work.");
        }
    }

    private PendingCommit toCommit(List<EventMessage<?>> group, Serializer serializer) {
        EventMessage<?> first = group.get(0);
        String aggregateId = aggregateId(first);
        if (aggregateId == null) {
            PreparedEvent prepared = prepare(first, first.getIdentifier(), null, 0, null, serializer);
            return new PendingCommit(first.getIdentifier(), null, false, List.of(prepared));
        }

        if (aggregateId.equals(CommitDocuments.VOID_STREAM)) {
            throw new EventStoreException("Aggregate identifier [" + aggregateId + "] is reserved by the event store"
                    + " for void documents; use another identifier.");
        }

        DomainEventMessage<?> head = (DomainEventMessage<?>) first;
        String aggregateType = head.getType();
        long expectedSeq = head.getSequenceNumber();
        String previousHash = chainHeads.previousHash(aggregateId, expectedSeq);

        List<PreparedEvent> prepared = new ArrayList<>(group.size());
        for (EventMessage<?> event : group) {
            DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
            if (domainEvent.getSequenceNumber() != expectedSeq) {
                throw new EventStoreException("Events of aggregate [" + aggregateId + "] in one append must have"
                        + " consecutive sequence numbers: expected " + expectedSeq + " but got "
                        + domainEvent.getSequenceNumber() + " for event " + event.getIdentifier() + ".");
            }
            if (!Objects.equals(aggregateType, domainEvent.getType())) {
                throw new EventStoreException("Events of aggregate [" + aggregateId + "] in one append have different"
                        + " aggregate types: [" + aggregateType + "] and [" + domainEvent.getType() + "].");
            }

            PreparedEvent next = prepare(event, aggregateId, aggregateType, expectedSeq, previousHash, serializer);
            prepared.add(next);
            previousHash = next.hash();
            expectedSeq++;
        }
        return new PendingCommit(aggregateId, aggregateType, true, prepared);
    }

    private static PreparedEvent prepare(
            EventMessage<?> event,
            String stream,
            String aggregateType,
            long sequenceNumber,
            String previousHash,
            Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> meta = event.serializeMetaData(serializer, String.class);
        String canonicalPayload =
                canonical(payload.getData(), "payload", event, payload.getType().getName());
        String canonicalMeta =
                canonical(meta.getData(), "metadata", event, payload.getType().getName());

        String payloadType = payload.getType().getName();
        String revision = payload.getType().getRevision();
        String timestamp = event.getTimestamp().toString();
        String hash = EventHashes.hash(
                stream,
                aggregateType,
                sequenceNumber,
                event.getIdentifier(),
                payloadType,
                revision,
                timestamp,
                canonicalPayload,
                canonicalMeta,
                previousHash);
        return new PreparedEvent(
                event.getIdentifier(),
                sequenceNumber,
                payloadType,
                revision,
                timestamp,
                canonicalPayload,
                canonicalMeta,
                hash,
                previousHash);
    }

    private static String canonical(String json, String part, EventMessage<?> event, String payloadType) {
        try {
            return CanonicalJson.canonicalize(json);
        } catch (IllegalArgumentException e) {
            throw new EventStoreException(
                    "Cannot store the " + part + " of event " + event.getIdentifier() + " ("
                            + payloadType + ") as canonical JSON: " + e.getMessage()
                            + ". The event store expects a JSON"
                            + " serializer such as Axon's JacksonSerializer.",
                    e);
        }
    }

    private static String aggregateId(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent) {
            return domainEvent.getAggregateIdentifier();
        }
        return null;
    }
}
