package io.openloop.ledger.messages.credit;

/**
 * Lists the entries of a loop's account, oldest first; answered with a {@code Page<CreditEntryView>}.
 *
 * @param after the sort key of the last entry of the previous page, as unwrapped from its cursor; null for the first
 *     page. A sort key of another account is rejected with {@code VALIDATION_FAILED}.
 * @param limit entries per page, at least 1
 */
public record ListCreditEntriesQuery(String loopId, String after, int limit) {}
