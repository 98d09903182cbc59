package io.openloop.ledger.projection.credit;

/**
 * Names and keys of the collections the credit projection writes, for the query side that reads them.
 *
 * <ul>
 *   <li>{@value #ACCOUNTS}: one document per loop account, {@code _id} the account id, with {@code balance},
 *       {@code held}, {@code available}, the running totals {@code granted}, {@code sent} and {@code received}, the
 *       ids of its open holds in {@code openHolds}, and {@code version}, the sequence number of the last account
 *       event applied.
 *   <li>{@value #HOLDS}: one document per hold, {@code _id} from {@link #holdKey}.
 *   <li>{@value #ENTRIES}: one document per leg of a movement, {@code _id} from {@link #entryKey} or {@link
 *       #platformEntryKey}. A loop account's entries have {@code _id}s that sort in the account's event order and can
 *       be computed from its sequence numbers, so a page of them is read by {@code _id} lookups alone.
 * </ul>
 *
 * Times are stored as BSON dates.
 */
public final class CreditReadModels {

    public static final String ACCOUNTS = "credit_accounts";
    public static final String HOLDS = "credit_holds";
    public static final String ENTRIES = "credit_entries";

    /** Digits of the zero-padded sequence number in an entry key: enough for any {@code long}. */
    static final int SEQUENCE_DIGITS = 19;

    private CreditReadModels() {}

    /** Returns the {@code _id} of a hold document; hold ids are unique per account only. */
    public static String holdKey(String accountId, String holdId) {
        return accountId + "/" + holdId;
    }

    /** Returns the {@code _id} of the entry that the event at {@code sequence} of a loop account wrote on it. */
    public static String entryKey(String accountId, long sequence) {
        return accountId + ":" + padded(sequence);
    }

    /** Returns the sequence number in an entry key of {@code accountId}, or -1 when the key belongs elsewhere. */
    public static long sequenceOf(String accountId, String entryKey) {
        String prefix = accountId + ":";
        if (entryKey == null
                || !entryKey.startsWith(prefix)
                || entryKey.length() != prefix.length() + SEQUENCE_DIGITS) {
            return -1;
        }
        try {
            return Long.parseLong(entryKey.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Returns the {@code _id} of the entry that the event at {@code sequence} of a loop account wrote on a platform
     * account.
     */
    public static String platformEntryKey(String platformAccount, String sourceAccountId, long sequence) {
        return platformAccount + ":" + sourceAccountId + ":" + padded(sequence);
    }

    private static String padded(long sequence) {
        String digits = Long.toString(sequence);
        return "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits;
    }
}
