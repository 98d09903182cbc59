package io.openloop.ledger.api.config;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports the store as the {@code store} health component: UP when a MongoDB {@code ping} returns within the
 * configured timeout. The details name the store's kind ({@code embedded} or {@code external}) and database, and
 * never its URI, which may carry credentials. A failed ping is logged when the store goes down, and its recovery
 * when it responds again, not on every probe.
 */
@Component
class StoreHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StoreHealthIndicator.class);
    private static final Document PING = new Document("ping", 1);

    private final MongoDatabase database;
    private final String kind;
    private final AtomicBoolean down = new AtomicBoolean();

    StoreHealthIndicator(
            MongoDatabase database,
            StoreLocation location,
            @Value("${openloop.store.health-timeout}") Duration timeout) {
        // The driver's client-side operation timeout also bounds server selection, so a store that is gone fails the
        // ping in about this time instead of the driver's 30 s default.
        this.database = database.withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        this.kind = location.isEmbedded() ? "embedded" : "external";
    }

    @Override
    public Health health() {
        Health.Builder health;
        try {
            database.runCommand(PING);
            health = Health.up();
            if (down.compareAndSet(true, false)) {
                log.info("Store health check: the {} store responds to the ping again", kind);
            }
        } catch (RuntimeException e) {
            if (down.compareAndSet(false, true)) {
                log.warn("Store health check: ping to the {} store failed: {}", kind, e.toString());
            }
            health = Health.down().withDetail("error", e.getClass().getSimpleName());
        }
        return health.withDetail("kind", kind)
                .withDetail("database", database.getName())
                .build();
    }
}
