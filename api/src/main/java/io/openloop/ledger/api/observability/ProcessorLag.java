package io.openloop.ledger.api.observability;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import io.openloop.ledger.store.tokens.MongoTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Samples how far each streaming event processor trails the event store's head, on a schedule rather than per
 * scrape, and publishes it as two gauges tagged with {@code processing.group}:
 *
 * <ul>
 *   <li>{@value #EVENTS_BEHIND}: positions between the head and the lowest position that a segment of the processor
 *       has handled;
 *   <li>{@value #SECONDS_BEHIND}: the age of the oldest event the processor has not handled yet, or 0 when it is at
 *       the head.
 * </ul>
 *
 * <p>Positions come from the tokens in the token store, read without claiming, so every node reports the lag of
 * every segment, also of a processor that is stopped. A processor without stored segments reports NaN.
 */
@Component
class ProcessorLag {

    static final String EVENTS_BEHIND = "ledger.processor.lag.events";
    static final String SECONDS_BEHIND = "ledger.processor.lag.seconds";
    static final String GROUP_TAG = "processing.group";

    /** Positions after a processor's own to search for the event it handles next; the others may be voids or gaps. */
    private static final int LOOKAHEAD = 16;

    private static final Logger log = LoggerFactory.getLogger(ProcessorLag.class);

    private final EventProcessingConfiguration processing;
    private final MongoTokenStore tokenStore;
    private final StoredEventReader reader;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicReference<Sample>> samples = new ConcurrentHashMap<>();

    ProcessorLag(
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            MongoDatabase database,
            MeterRegistry registry,
            Clock clock) {
        if (!(tokenStore instanceof MongoTokenStore mongoTokenStore)) {
            throw new IllegalStateException("processor lag reads tokens from MongoTokenStore, but the token store is "
                    + tokenStore.getClass().getName() + ". Configure a MongoTokenStore as the TokenStore bean.");
        }
        this.processing = processing;
        this.tokenStore = mongoTokenStore;
        this.reader = new StoredEventReader(database);
        this.registry = registry;
        this.clock = clock;
    }

    /** One processor's lag at the last sample. */
    record Sample(double events, double seconds) {

        static final Sample UNKNOWN = new Sample(Double.NaN, Double.NaN);
    }

    @Scheduled(
            initialDelayString = "${openloop.metrics.lag-interval}",
            fixedDelayString = "${openloop.metrics.lag-interval}")
    void sample() {
        try {
            long head = reader.headPosition();
            Map<String, Map<Integer, TrackingToken>> tokens = tokenStore.storedTokens();
            Map<Long, Double> ageByPosition = new HashMap<>();
            processing.eventProcessors().forEach((name, processor) -> {
                if (processor instanceof StreamingEventProcessor) {
                    holder(name).set(sampleOf(tokens.getOrDefault(name, Map.of()), head, ageByPosition));
                }
            });
        } catch (RuntimeException e) {
            log.warn("Processor lag sample failed; the gauges keep their last values", e);
        }
    }

    private Sample sampleOf(Map<Integer, TrackingToken> segments, long head, Map<Long, Double> ageByPosition) {
        if (segments.isEmpty()) {
            return Sample.UNKNOWN;
        }
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : segments.values()) {
            long position = token == null ? -1 : token.position().orElse(-1);
            lowest = Math.min(lowest, position);
        }
        long behind = Math.max(0, head - 1 - lowest);
        if (behind == 0) {
            return new Sample(0, 0);
        }
        double seconds = ageByPosition.computeIfAbsent(lowest, position -> ageOfNextEvent(position, head));
        return new Sample(behind, seconds);
    }

    /** Returns the age in seconds of the first event after {@code position}, or NaN when none is found close by. */
    private double ageOfNextEvent(long position, long head) {
        long from = position + 1;
        long to = Math.min(head, from + LOOKAHEAD);
        for (StoredEntry entry : reader.readPositions(from, to)) {
            if (entry.kind() == StoredEntry.Kind.EVENT && entry.timestamp() != null) {
                Duration age = Duration.between(Instant.parse(entry.timestamp()), clock.instant());
                return Math.max(0, age.toMillis() / 1000.0);
            }
        }
        return Double.NaN;
    }

    private AtomicReference<Sample> holder(String processorName) {
        return samples.computeIfAbsent(processorName, name -> {
            AtomicReference<Sample> holder = new AtomicReference<>(Sample.UNKNOWN);
            Gauge.builder(EVENTS_BEHIND, holder, reference -> reference.get().events())
                    .description("Event store positions the processor has not handled yet")
                    .tag(GROUP_TAG, name)
                    .register(registry);
            Gauge.builder(SECONDS_BEHIND, holder, reference -> reference.get().seconds())
                    .description("Age of the oldest event the processor has not handled yet, 0 at the head")
                    .baseUnit("seconds")
                    .tag(GROUP_TAG, name)
                    .register(registry);
            return holder;
        });
    }
}
