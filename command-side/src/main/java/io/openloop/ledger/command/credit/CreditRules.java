package io.openloop.ledger.command.credit;

import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.credit.CreditAmounts;

/** Input checks shared by the credit commands; each failure is {@code VALIDATION_FAILED} naming the field. */
final class CreditRules {

    static final int MAX_ID_LENGTH = 128;

    private CreditRules() {}

    static String requireId(String value, String field) {
        if (value == null || value.isBlank()) {
            throw CreditErrors.invalidField(field, field + " is missing; send a non-blank id");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw CreditErrors.invalidField(
                    field, field + " is " + value.length() + " characters long; the maximum is " + MAX_ID_LENGTH);
        }
        return value;
    }

    /** Checks that {@code amount} is between 1 and {@link CreditAmounts#MAX_AMOUNT}. */
    static long requirePositive(long amount, String field) {
        if (amount <= 0) {
            throw CreditErrors.invalidField(
                    field, field + " must be a positive whole number of credits, got " + amount);
        }
        return requireAtMostMax(amount, field);
    }

    /** Checks that {@code amount} is at most {@link CreditAmounts#MAX_AMOUNT}, the largest amount the ledger stores. */
    static long requireAtMostMax(long amount, String field) {
        if (amount > CreditAmounts.MAX_AMOUNT) {
            throw CreditErrors.invalidField(
                    field,
                    field + " is " + amount + " credits; the maximum is " + CreditAmounts.MAX_AMOUNT
                            + " (2^53 - 1), the largest integer the event store keeps exactly");
        }
        return amount;
    }

    /** Checks that {@code accountId} names another loop's account. */
    static String requireOtherAccount(String accountId, String ownAccountId, String field) {
        if (!Ids.isValid(accountId, Ids.ACCOUNT)) {
            throw CreditErrors.invalidField(
                    field, field + " [" + accountId + "] is not an account id such as acct_01JE9Z4R8QZ4V2M1T6C3N5B7XK");
        }
        if (accountId.equals(ownAccountId)) {
            throw CreditErrors.invalidField(
                    field,
                    field + " is the sending account " + ownAccountId
                            + "; credits move between two different accounts");
        }
        return accountId;
    }

    /**
     * Returns {@code current + amount}, or rejects the command when the sum passes {@link CreditAmounts#MAX_AMOUNT}.
     * Both arguments are at most that bound, so the sum itself cannot overflow a {@code long}.
     */
    static long add(String accountId, String field, long current, long amount) {
        long sum = current + amount;
        if (sum > CreditAmounts.MAX_AMOUNT) {
            throw CreditErrors.overflow(accountId, field, current, amount);
        }
        return sum;
    }
}
