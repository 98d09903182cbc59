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
     * Returns the store's fingerprint once every processor has reached the last position and three reads 100 ms apart
     * agree, or the last read after 30 s. The reads must agree too, because read models were seen changing after
     * every position was reached, and sagas may append events of their own.
     */
    Fingerprint awaitQuiet(StoreState store) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        Fingerprint last = store.read();
        int agreeing = 0;
        while (System.nanoTime() < deadline) {
            sleep();
            if (!caughtUp(last.nextPosition() - 1)) {
                agreeing = 0;
                continue;
            }
            Fingerprint again = store.read();
            agreeing = again.equals(last) ? agreeing + 1 : 0;
            last = again;
            if (agreeing >= 2) {
                return last;
            }
        }
        log.warn("Event processors did not settle within {}; the fuzzer compares against the last read", MAX_WAIT);
        return last;
    }

    private boolean caughtUp(long lastPosition) {
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                // A running processor without claimed segments is between claims, so its progress is unknown.
                if (streaming.isRunning() && streaming.processingStatus().isEmpty()) {
                    return false;
                }
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
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for event processors", e);
        }
    }
}
