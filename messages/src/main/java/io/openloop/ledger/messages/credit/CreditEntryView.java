package io.openloop.ledger.messages.credit;

import java.time.Instant;

/**
 * One leg of a movement on one account.
 *
 * @param entryId the entry's sort key, unique across accounts
 * @param amount signed: positive when credits arrive on {@code accountId}, negative when they leave
 * @param kind {@code GRANT}, {@code ISSUANCE}, {@code TRANSFER_OUT}, {@code TRANSFER_IN}, {@code CAPTURE} or, on
 *     {@link CreditAccounts#IN_TRANSIT}, {@code TRANSIT_IN} and {@code TRANSIT_OUT}
 * @param referenceId the grant, transfer or hold id that caused the movement
 * @param balanceAfter the account's balance after the entry; null on the two platform accounts, whose entries come
 *     from many accounts in no single order
 */
public record CreditEntryView(
        String entryId,
        String accountId,
        String counterAccount,
        long amount,
        String kind,
        String referenceId,
        Long balanceAfter,
        Instant at) {}
