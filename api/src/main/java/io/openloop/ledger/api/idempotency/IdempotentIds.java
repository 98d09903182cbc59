package io.openloop.ledger.api.idempotency;

import io.openloop.ledger.messages.Ids;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.server.ServerWebExchange;

/**
 * Ids of what a request creates. Under an {@code Idempotency-Key}, the ids derive from the key's record, so a retry
 * that takes over a stale record (its first attempt's node died, perhaps after the commands were applied) names the
 * same grant or transfer again and the credit account rejects the repeat instead of moving credits twice. Without a
 * key, the ids are new.
 */
public final class IdempotentIds {

    static final String SEED_ATTRIBUTE = IdempotentIds.class.getName() + ".seed";

    private static final String COUNTER_ATTRIBUTE = IdempotentIds.class.getName() + ".count.";

    private IdempotentIds() {}

    /** Returns the next id with the given type prefix for this request: derived under a key, new otherwise. */
    public static String newId(ServerWebExchange exchange, String prefix) {
        String seed = exchange.getAttribute(SEED_ATTRIBUTE);
        if (seed == null) {
            return Ids.newId(prefix);
        }
        AtomicInteger counter = (AtomicInteger)
                exchange.getAttributes().computeIfAbsent(COUNTER_ATTRIBUTE + prefix, name -> new AtomicInteger());
        return Ids.derivedId(prefix, seed + "/" + prefix + "/" + counter.getAndIncrement());
    }

    /** Makes the ids of this exchange derive from the idempotency record it executes under. */
    static void seed(ServerWebExchange exchange, String recordId) {
        exchange.getAttributes().put(SEED_ATTRIBUTE, recordId);
    }
}
