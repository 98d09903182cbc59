package io.openloop.ledger.api.web;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Polls a read model until it shows a change a command just made, so a route can respond with that change. Read
 * models follow the events by a projection's lag; when the wait runs out, the change still stands and shows later.
 */
@Component
public class ReadModelPolling {

    private static final Logger log = LoggerFactory.getLogger(ReadModelPolling.class);
    private static final long POLL_MILLIS = 10;

    private final Duration timeout;

    public ReadModelPolling(@Value("${openloop.api.read-model-wait:5s}") Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Returns the first value of {@code read} that {@code done} accepts. After the read-model wait, or when the thread
     * is interrupted, it logs {@code description} and returns the last value read.
     */
    public <T> T await(String description, Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                log.warn(
                        "Read models did not show {} within {}; it will show within the projection lag",
                        description,
                        timeout);
                return value;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
            value = read.get();
        }
        return value;
    }
}
