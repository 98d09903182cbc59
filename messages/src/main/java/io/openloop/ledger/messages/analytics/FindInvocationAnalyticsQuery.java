package io.openloop.ledger.messages.analytics;

import io.openloop.ledger.messages.ExecutionMode;
import java.time.Instant;
import java.util.List;

/**
 * Counts the invocations requested in {@code [from, to)} by the given loops, grouped by {@code groupBy}. Returns an
 * {@link InvocationAnalyticsView}.
 *
 * @param loopIds the invoking loops to include; null for every loop, which only the operator may ask for
 * @param mode only invocations in this execution mode, or null for any
 */
public record FindInvocationAnalyticsQuery(
        List<String> loopIds, Instant from, Instant to, InvocationGrouping groupBy, ExecutionMode mode) {

    public FindInvocationAnalyticsQuery {
        loopIds = loopIds == null ? null : List.copyOf(loopIds);
    }
}
