package io.openloop.ledger.messages.analytics;

import java.time.Instant;
import java.util.List;

/**
 * Invocation figures for a period, by group and in total.
 *
 * @param from the start of the period, inclusive
 * @param to the end of the period, exclusive
 * @param groups one entry per group with at least one invocation, sorted by key
 * @param total the figures of every invocation in the period, with a null key
 */
public record InvocationAnalyticsView(
        Instant from, Instant to, InvocationGrouping groupBy, List<InvocationFigures> groups, InvocationFigures total) {

    public InvocationAnalyticsView {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
