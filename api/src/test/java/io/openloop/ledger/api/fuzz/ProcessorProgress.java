package io.openloop.ledger.api.fuzz;

import io.openloop.ledger.api.fuzz.StoreState.Fingerprint;
import java.time.Duration;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;

/** Waits until the event processors have handled every stored event, so the read models stop changing. */
final class ProcessorProgress {

    private static final Logger log = LoggerFactory.getLogger(ProcessorProgress.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final EventProcessingConfiguration processing;

    ProcessorProgress(ApplicationContext context) {
        this.processing = context.getBean(EventProcessingConfiguration.class);
    }

    /**
     * Returns the store's fingerprint once every processor has reached the last position and two reads agree, or
     * the last read after 30 s. Sagas may append events of their own, so the wait repeats until nothing moves.
     */
    Fingerprint awaitQuiet(StoreState store) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        Fingerprint last = store.read();
        while (System.nanoTime() < deadline) {
            sleep();
            if (!caughtUp(last.nextPosition() - 1)) {
                continue;
            }
            Fingerprint again = store.read();
            if (again.equals(last)) {
                return again;
            }
            last = again;
        }
        log.warn("Event processors did not settle within {}; the fuzzer compares against the last read", MAX_WAIT);
        return last;
    }

    private boolean caughtUp(long lastPosition) {
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                for (EventTrackerStatus status : streaming.processingStatus().values()) {
                    OptionalLong position = status.getCurrentPosition();
                    if (position.isPresent() && position.getAsLong() < lastPosition) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static void sleep() {
        try {
            Thread.sleep(40);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for event processors", e);
        }
    }
}
