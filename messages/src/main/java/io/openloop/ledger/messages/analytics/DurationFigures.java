package io.openloop.ledger.messages.analytics;

/**
 * Percentiles of invocation durations in milliseconds, by the nearest-rank method: with the {@code count} durations
 * sorted ascending, the p-th percentile is the one at 1-based rank {@code ceil(p * count / 100)}. It is always one of
 * the measured durations, never an interpolation.
 *
 * @param toolId the tool, or null for the figures over every tool
 * @param toolName the tool's full name, or null with a null {@code toolId}
 * @param count the invocations with a result
 * @param p50Ms the median; null when {@code count} is 0
 * @param p95Ms the 95th percentile; null when {@code count} is 0
 */
public record DurationFigures(String toolId, String toolName, long count, Long p50Ms, Long p95Ms) {}
