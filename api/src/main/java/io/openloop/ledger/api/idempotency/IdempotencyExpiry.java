package io.openloop.ledger.api.idempotency;

import io.openloop.ledger.api.web.Blocking;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Removes expired idempotency records: MongoDB does it through the TTL index created at start, and a periodic
 * delete does it on the embedded store, which ignores TTL indexes.
 *
 * <p>The periodic delete is a range query on {@code expiresAt}. MongoDB serves it from the TTL index, and the embedded
 * store scans the collection, which is why it runs only every {@code openloop.idempotency.cleanup-interval}.
 */
@Component
class IdempotencyExpiry {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyExpiry.class);

    private final IdempotencyStore store;
    private final Duration interval;
    private volatile Disposable schedule;

    IdempotencyExpiry(
            IdempotencyStore store, @Value("${openloop.idempotency.cleanup-interval:PT1H}") Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        try {
            store.createExpiryIndex();
        } catch (RuntimeException e) {
            log.warn(
                    "Creating the TTL index of {} failed, so expired records are deleted only every {}",
                    IdempotencyStore.COLLECTION,
                    interval,
                    e);
        }
        schedule = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> deleteExpired())
                .subscribe();
        log.info("Idempotency records expire after their retention; expired ones are deleted every {}", interval);
    }

    @PreDestroy
    void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
    }

    Mono<Long> deleteExpired() {
        return Blocking.call(store::deleteExpired)
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        log.info("Deleted {} expired idempotency records", deleted);
                    }
                })
                .onErrorResume(error -> {
                    log.warn("Deleting expired idempotency records failed; retrying in {}", interval, error);
                    return Mono.empty();
                });
    }
}
