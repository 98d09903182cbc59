package io.openloop.ledger.command.credit;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.credit.CreditAmounts;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rejections of credit commands, each with the fields a caller needs to act on it. */
final class CreditErrors {

    private CreditErrors() {}

    /** {@code VALIDATION_FAILED} naming one field, under {@code fields}. */
    static LedgerException invalidField(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(field, message)));
    }

    /** {@code INSUFFICIENT_CREDITS} with the {@code required} and {@code available} amounts. */
    static LedgerException insufficient(String accountId, long required, long available) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("accountId", accountId);
        details.put("required", required);
        details.put("available", available);
        return new LedgerException(
                ErrorCode.INSUFFICIENT_CREDITS,
                "account " + accountId + " has " + available + " credits available but " + required
                        + " are required; add credits or lower the amount",
                details);
    }

    /** {@code INVALID_STATE} for a hold that is already resolved, with its state under {@code currentState}. */
    static LedgerException holdResolved(String accountId, String holdId, HoldState state) {
        return new LedgerException(
                ErrorCode.INVALID_STATE,
                "hold " + holdId + " of account " + accountId + " is already "
                        + state.name().toLowerCase() + "; a hold is resolved once",
                Map.of("holdId", holdId, "currentState", state.name()));
    }

    /** {@code INVALID_STATE} for an id that the account has already used for a grant, transfer or hold. */
    static LedgerException idUsed(String accountId, String field, String id) {
        return new LedgerException(
                ErrorCode.INVALID_STATE,
                field + " " + id + " is already used on account " + accountId + "; use a new id",
                Map.of(field, id, "currentState", "APPLIED"));
    }

    static LedgerException holdNotFound(String accountId, String holdId) {
        return new LedgerException(
                ErrorCode.NOT_FOUND,
                "hold " + holdId + " not found on account " + accountId,
                Map.of("accountId", accountId, "holdId", String.valueOf(holdId)));
    }

    static LedgerException accountExists(String accountId) {
        return new LedgerException(
                ErrorCode.INVALID_STATE,
                "account " + accountId + " is already open",
                Map.of("accountId", accountId, "currentState", "OPEN"));
    }

    /** {@code VALIDATION_FAILED} for a sum that would pass {@link CreditAmounts#MAX_AMOUNT}. */
    static LedgerException overflow(String accountId, String field, long current, long amount) {
        return invalidField(
                field,
                field + " " + amount + " would take account " + accountId + " from " + current
                        + " past the largest balance, " + CreditAmounts.MAX_AMOUNT + "; use a smaller amount");
    }
}
