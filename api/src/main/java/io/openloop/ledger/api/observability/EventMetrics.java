package io.openloop.ledger.api.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Counts appended events as {@value #METRIC}, tagged with the aggregate type and the event type. An event published
 * in a unit of work counts when that unit of work commits, so events of a rolled-back command are not counted.
 */
@Component
class EventMetrics implements MessageDispatchInterceptor<EventMessage<?>> {

    static final String METRIC = "ledger.events.appended";

    /** The aggregate tag of events that belong to no aggregate, such as one published on the event bus directly. */
    static final String NO_AGGREGATE = "none";

    private final MeterRegistry registry;

    EventMetrics(EventStore eventStore, MeterRegistry registry) {
        this.registry = registry;
        eventStore.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        List<? extends EventMessage<?>> published = List.copyOf(messages);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> count(published));
        } else {
            count(published);
        }
        return (index, message) -> message;
    }

    private void count(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            String aggregate = event instanceof DomainEventMessage<?> domain && domain.getType() != null
                    ? domain.getType()
                    : NO_AGGREGATE;
            Counter.builder(METRIC)
                    .description("Events appended to the event store, by aggregate type and event type")
                    .tag("aggregate", aggregate)
                    .tag("event", event.getPayloadType().getSimpleName())
                    .register(registry)
                    .increment();
        }
    }
}
