package io.openloop.ledger.api.observability;

import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports the event processors as the {@code processors} health component: DOWN until every processor has started,
 * and DOWN when one has stopped. A segment in error (a handler failing and being retried) shows in the details but
 * keeps the component UP, because taking the node out of service does not fix the event, and every node would fail
 * on it alike.
 */
@Component
class ProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    ProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Map<String, EventProcessor> processors = processing.eventProcessors();
        Map<String, Object> details = new TreeMap<>();
        boolean allRunning = !processors.isEmpty();
        for (Map.Entry<String, EventProcessor> entry : processors.entrySet()) {
            EventProcessor processor = entry.getValue();
            allRunning &= processor.isRunning();
            details.put(entry.getKey(), describe(processor));
        }
        Health.Builder health = allRunning ? Health.up() : Health.down();
        return health.withDetails(details).build();
    }

    private static Map<String, Object> describe(EventProcessor processor) {
        Map<String, Object> state = new TreeMap<>();
        state.put("running", processor.isRunning());
        state.put("error", processor.isError());
        if (processor instanceof StreamingEventProcessor streaming) {
            Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
            long failing = segments.values().stream()
                    .filter(EventTrackerStatus::isErrorState)
                    .count();
            state.put("claimedSegments", segments.size());
            state.put("failingSegments", failing);
        }
        return state;
    }
}
