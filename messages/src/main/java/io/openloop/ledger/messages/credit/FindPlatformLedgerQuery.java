package io.openloop.ledger.messages.credit;

/** Reads the platform's totals for operators; answered with a {@link PlatformLedgerView}. */
public record FindPlatformLedgerQuery() {}
