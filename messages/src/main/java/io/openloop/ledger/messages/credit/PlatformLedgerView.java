package io.openloop.ledger.messages.credit;

/**
 * The platform's totals across every loop account, as the read model shows them.
 *
 * @param issuanceBalance the balance of {@link CreditAccounts#PLATFORM_ISSUANCE}: minus every credit ever granted
 * @param inTransitBalance the balance of {@link CreditAccounts#IN_TRANSIT}: credits that left one account and have
 *     not yet landed on another
 * @param accountsBalance the sum of all loop accounts' balances; the three balances add up to zero
 * @param held the sum of all loop accounts' open holds
 */
public record PlatformLedgerView(
        long issuanceBalance, long inTransitBalance, long accountsBalance, long held, long accounts) {}
