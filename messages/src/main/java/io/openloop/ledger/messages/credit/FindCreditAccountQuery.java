package io.openloop.ledger.messages.credit;

/**
 * Reads a loop's account with its open holds; answered with a {@link CreditAccountView}, or {@code NOT_FOUND} when
 * the account has not opened yet.
 */
public record FindCreditAccountQuery(String loopId) {}
