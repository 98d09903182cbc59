package io.openloop.ledger.api.replay;

import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Reads the stored events after a token on a thread of its own, up to {@value #CAPACITY} ahead of the replay, and
 * deserializes their payloads and timestamps there. The replay's thread then spends its time applying events rather
 * than waiting for the store's replies and decoding them.
 */
final class EventPrefetch implements AutoCloseable {

    static final int CAPACITY = 4096;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    private EventPrefetch(EventStorageEngine engine, TrackingToken after) {
        this.thread = new Thread(() -> read(engine, after), "replay-event-reader");
        thread.setDaemon(true);
    }

    /** Starts reading the events after {@code after}, or from the first one when it is null, up to the head. */
    static EventPrefetch start(EventStorageEngine engine, TrackingToken after) {
        EventPrefetch prefetch = new EventPrefetch(engine, after);
        prefetch.thread.start();
        return prefetch;
    }

    /** Returns the next event, or null after the last one that was stored when the reading started. */
    TrackedEventMessage<?> next() throws InterruptedException {
        Object next = queue.take();
        if (next == END) {
            queue.put(END);
            return null;
        }
        if (next instanceof Failure failure) {
            queue.put(failure);
            throw new IllegalStateException(
                    "Reading the event store failed: " + failure.cause.getMessage(), failure.cause);
        }
        return (TrackedEventMessage<?>) next;
    }

    private void read(EventStorageEngine engine, TrackingToken after) {
        Object last = END;
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(after, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext() && !closed) {
                TrackedEventMessage<?> event = iterator.next();
                event.getPayload();
                event.getTimestamp();
                queue.put(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException | Error e) {
            last = new Failure(e);
        }
        try {
            queue.put(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private record Failure(Throwable cause) {}
}
