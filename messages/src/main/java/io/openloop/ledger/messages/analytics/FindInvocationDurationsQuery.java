package io.openloop.ledger.messages.analytics;

import io.openloop.ledger.messages.ExecutionMode;
import java.time.Instant;
import java.util.List;

/**
 * Computes the 50th and 95th percentile of the time from request to result of the invocations requested in {@code
 * [from, to)} by the given loops that ended with a result ({@code SUCCEEDED}, {@code FAILED} or {@code SIMULATED}),
 * overall and per tool. Returns an {@link InvocationDurationsView}.
 *
 * @param loopIds the invoking loops to include; null for every loop, which only the operator may ask for
 * @param mode only invocations in this execution mode, or null for any
 */
public record FindInvocationDurationsQuery(List<String> loopIds, Instant from, Instant to, ExecutionMode mode) {

    public FindInvocationDurationsQuery {
        loopIds = loopIds == null ? null : List.copyOf(loopIds);
    }
}
