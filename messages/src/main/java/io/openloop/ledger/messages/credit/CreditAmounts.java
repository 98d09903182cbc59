package io.openloop.ledger.messages.credit;

/**
 * Bounds of every credit amount the ledger stores: prices, policy caps, grants, transfers, holds and balances.
 *
 * <p>The event store keeps payloads as RFC 8785 canonical JSON, which writes numbers as IEEE-754 doubles, so an
 * integer above 2^53 cannot be stored exactly and its event cannot be appended. Commands and requests with a larger
 * amount, or that would make a balance larger, are rejected with {@code VALIDATION_FAILED} naming the field.
 */
public final class CreditAmounts {

    /**
     * The largest amount or balance in credits: 2^53 - 1, JavaScript's {@code Number.MAX_SAFE_INTEGER}. Above it, not
     * every integer is an exact double.
     */
    public static final long MAX_AMOUNT = 9_007_199_254_740_991L;

    private CreditAmounts() {}
}
