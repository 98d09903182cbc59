package io.openloop.ledger.messages.invocation;

/** Why an invocation was blocked: the estimate it needed to hold and what the account had available. */
public record CreditShortfall(long required, long available) {}
