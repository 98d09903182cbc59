package io.openloop.ledger.messages.analytics;

/**
 * The figures of one group of invocations. Each invocation counts once in {@code count} and once in the count of the
 * state it is in now: {@code succeeded}, {@code failed}, {@code denied} (policy), {@code blocked} (credits), {@code
 * rejected} (an owner), {@code expired}, {@code simulated} (sandbox) or {@code open} (requested, awaiting approval or
 * pending).
 *
 * @param key the tool id, the domain or the day, by the grouping. It is null in a total, and a null domain means the
 *     tool version's manifest was not recorded.
 * @param toolName the tool's full name when grouped by tool, otherwise null
 * @param approvalRequested invocations that policy sent to an owner for approval
 * @param approved those of them an owner approved
 * @param creditsCharged credits charged on success, summed
 * @param successRate {@code succeeded / (succeeded + failed)}, the share of the provider's results that were
 *     successes; null when there was no result
 * @param approvalRate {@code approved / approvalRequested}; null when no approval was requested
 */
public record InvocationFigures(
        String key,
        String toolName,
        long count,
        long succeeded,
        long failed,
        long denied,
        long blocked,
        long rejected,
        long expired,
        long simulated,
        long open,
        long approvalRequested,
        long approved,
        long creditsCharged,
        Double successRate,
        Double approvalRate) {}
