package io.openloop.ledger.messages.credit;

/**
 * An account's figures right after a command changed them; every credit command handler returns one.
 *
 * @param balance credits owned, holds included
 * @param held credits reserved by open holds
 * @param available {@code balance - held}, never negative
 * @param charged credits that left the account through the command (a capture or a transfer); 0 for a hold, a
 *     release or a grant
 */
public record CreditBalance(String accountId, long balance, long held, long available, long charged) {}
