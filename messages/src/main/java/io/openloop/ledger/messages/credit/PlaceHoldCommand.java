package io.openloop.ledger.messages.credit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserves {@code amount} of the available balance until the hold is captured, released, or expires at {@code
 * expiresAt}. Rejected with {@code INSUFFICIENT_CREDITS}, carrying {@code required} and {@code available}, when the
 * available balance is too low; with {@code VALIDATION_FAILED} for a non-positive amount or an expiry in the past; and
 * with {@code INVALID_STATE} for a hold id already used on the account.
 *
 * @param subjectId what the hold pays for, for example an invocation or task id
 */
public record PlaceHoldCommand(
        @TargetAggregateIdentifier String accountId, String holdId, long amount, Instant expiresAt, String subjectId) {}
