package io.openloop.ledger.messages.analytics;

import java.time.Instant;
import java.util.List;

/**
 * Invocation durations for a period, overall and per tool.
 *
 * @param from the start of the period, inclusive
 * @param to the end of the period, exclusive
 * @param tools one entry per tool with at least one result, sorted by tool id
 */
public record InvocationDurationsView(Instant from, Instant to, DurationFigures overall, List<DurationFigures> tools) {

    public InvocationDurationsView {
        tools = tools == null ? List.of() : List.copyOf(tools);
    }
}
