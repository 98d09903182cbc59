package io.openloop.ledger.messages.credit;

import io.openloop.ledger.messages.Ids;

/**
 * Names of the ledger's accounts. A loop's account id is derived from its loop id, so it is known before the account
 * opens and opening it twice is detected.
 */
public final class CreditAccounts {

    /**
     * The counter-account of every grant: its balance is minus the sum of all credits ever granted. It is a ledger
     * name, not an aggregate.
     */
    public static final String PLATFORM_ISSUANCE = "platform:issuance";

    /**
     * The clearing account of movements between two loop accounts: credits leave one account before they reach the
     * other. Its balance is zero once every movement has landed.
     */
    public static final String IN_TRANSIT = "platform:in_transit";

    private CreditAccounts() {}

    /** Returns the account id of a loop: {@code loop_X} has account {@code acct_X}. */
    public static String accountIdOf(String loopId) {
        if (!Ids.isValid(loopId, Ids.LOOP)) {
            throw new IllegalArgumentException("not a loop id: [" + loopId + "]");
        }
        return Ids.ACCOUNT + loopId.substring(Ids.LOOP.length());
    }

    /** Returns the loop id an account belongs to: account {@code acct_X} belongs to loop {@code loop_X}. */
    public static String loopIdOf(String accountId) {
        if (!Ids.isValid(accountId, Ids.ACCOUNT)) {
            throw new IllegalArgumentException("not an account id: [" + accountId + "]");
        }
        return Ids.LOOP + accountId.substring(Ids.ACCOUNT.length());
    }
}
