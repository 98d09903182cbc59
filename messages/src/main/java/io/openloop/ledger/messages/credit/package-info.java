/**
 * Credit accounts: each loop's balance and holds, and the double-entry movements between accounts.
 *
 * <p>Amounts are whole credits in a {@code long}; there is no fractional credit and no arithmetic that can overflow.
 * Every movement has two legs, so the sum over all accounts, {@link CreditAccounts#PLATFORM_ISSUANCE} and {@link
 * CreditAccounts#IN_TRANSIT} included, is always zero.
 */
package io.openloop.ledger.messages.credit;
