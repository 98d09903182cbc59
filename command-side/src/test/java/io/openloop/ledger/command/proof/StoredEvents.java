package io.openloop.ledger.command.proof;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationSimulatedEvent;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/** An in-memory event store that the processor tests fill stream by stream, and the invocation events they store. */
final class StoredEvents {

    static final String PUBLISHER = ProofFixtures.SUBMITTER;
    static final String CALLER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    static final Instant REQUESTED_AT = ProofFixtures.NOW.minusSeconds(600);
    static final Instant COMPLETED_AT = ProofFixtures.NOW.minusSeconds(30);

    final EventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();

    private final Map<String, Long> nextSequence = new HashMap<>();

    /** Appends the payloads to the stream of {@code aggregateId}, after the ones appended before. */
    void append(String aggregateType, String aggregateId, Object... payloads) {
        for (Object payload : payloads) {
            long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
            store.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload));
        }
    }

    static InvocationRequestedEvent requested(String invocationId, ExecutionMode mode) {
        return new InvocationRequestedEvent(
                invocationId,
                CALLER,
                null,
                null,
                "@acme_dev/find_dental_leads",
                "1.0.0",
                PUBLISHER,
                mode,
                RiskLevel.LOW,
                List.of("receipt"),
                null,
                null,
                null,
                0,
                ProofFixtures.NOW.plusSeconds(3600),
                REQUESTED_AT);
    }

    static InvocationSucceededEvent succeeded(String invocationId, List<String> proofIds) {
        return new InvocationSucceededEvent(invocationId, CALLER, PUBLISHER, null, 0, null, proofIds, COMPLETED_AT);
    }

    static InvocationSimulatedEvent simulated(String invocationId, List<String> proofIds) {
        return new InvocationSimulatedEvent(invocationId, CALLER, PUBLISHER, true, null, null, proofIds, COMPLETED_AT);
    }
}
