package io.openloop.ledger.command.task;

import io.openloop.ledger.messages.credit.CreditAmounts;
import io.openloop.ledger.messages.task.MakeOfferCommand;
import io.openloop.ledger.messages.task.ProposeAmendmentCommand;
import io.openloop.ledger.messages.task.TaskOffer;
import java.time.Instant;

/** Checks of an offer's price, terms and times, and of a proposed amendment to a contract. */
final class OfferRules {

    private OfferRules() {}

    /**
     * Returns the offer {@code command} puts on the table, from {@code fromLoopId} at {@code now}, with the default
     * deadline filled in; rejects an invalid field with {@code VALIDATION_FAILED}.
     */
    static TaskOffer offer(MakeOfferCommand command, String fromLoopId, Instant now) {
        TaskRules.requireKey(command.offerId(), "offerId");
        if (command.price() < 0 || command.price() > CreditAmounts.MAX_AMOUNT) {
            throw TaskErrors.invalidField(
                    "price",
                    "price is " + command.price() + "; it must be 0 to " + CreditAmounts.MAX_AMOUNT + " credits");
        }
        String terms = TaskRules.optionalText(command.terms(), "terms", TaskRules.MAX_TERMS_LENGTH);

        Instant expiresAt = command.expiresAt();
        if (expiresAt == null) {
            throw TaskErrors.invalidField("expiresAt", "expiresAt is missing; send when the offer lapses");
        }
        if (!expiresAt.isAfter(now)) {
            throw TaskErrors.invalidField(
                    "expiresAt", "expiresAt " + expiresAt + " is not in the future; send a later time");
        }
        Instant latest = now.plus(TaskOffer.MAX_CONTRACT_DURATION);
        if (!expiresAt.isBefore(latest)) {
            throw TaskErrors.invalidField(
                    "expiresAt",
                    "expiresAt " + expiresAt + " is not before " + latest + ", the latest deadline allowed");
        }

        Instant deadline = command.deadline();
        if (deadline == null) {
            Instant byDefault = expiresAt.plus(TaskOffer.DEFAULT_CONTRACT_DURATION);
            deadline = byDefault.isAfter(latest) ? latest : byDefault;
        } else if (!deadline.isAfter(expiresAt)) {
            throw TaskErrors.invalidField(
                    "deadline", "deadline " + deadline + " is not after expiresAt " + expiresAt + "; send a later one");
        } else if (deadline.isAfter(latest)) {
            throw TaskErrors.invalidField(
                    "deadline",
                    "deadline " + deadline + " is more than " + TaskOffer.MAX_CONTRACT_DURATION.toDays()
                            + " days after the offer; send " + latest + " or earlier");
        }

        return new TaskOffer(
                command.offerId(), fromLoopId, command.price(), terms, expiresAt, deadline, command.counter(), now);
    }

    /**
     * Checks a proposed amendment: new terms, a new deadline or both. The deadline must be in the future and at most
     * {@link TaskOffer#MAX_CONTRACT_DURATION} after the contract's acceptance, so the hold placed at acceptance can
     * reach it. Returns the trimmed terms.
     */
    static String amendment(ProposeAmendmentCommand command, Instant acceptedAt, Instant now) {
        TaskRules.requireKey(command.amendmentId(), "amendmentId");
        String terms = TaskRules.optionalText(command.terms(), "terms", TaskRules.MAX_TERMS_LENGTH);
        if (terms == null && command.deadline() == null) {
            throw TaskErrors.invalidField("terms", "terms and deadline are both missing; send either or both to amend");
        }
        if (command.deadline() != null) {
            requireAmendedDeadline(command.deadline(), acceptedAt, now);
        }
        return terms;
    }

    /** Checks that an amended deadline is in the future and within reach of the contract's hold. */
    static void requireAmendedDeadline(Instant deadline, Instant acceptedAt, Instant now) {
        if (!deadline.isAfter(now)) {
            throw TaskErrors.invalidField(
                    "deadline", "deadline " + deadline + " is not in the future; propose a later one");
        }
        Instant latest = acceptedAt.plus(TaskOffer.MAX_CONTRACT_DURATION);
        if (deadline.isAfter(latest)) {
            throw TaskErrors.invalidField(
                    "deadline",
                    "deadline " + deadline + " is more than " + TaskOffer.MAX_CONTRACT_DURATION.toDays()
                            + " days after the contract's acceptance; propose " + latest + " or earlier");
        }
    }

    /** Rejects an acceptance whose {@code offerId} names another offer than {@code offer}; a null id accepts it. */
    static void requireOnTable(TaskOffer offer, String offerId) {
        if (offerId != null && !offerId.equals(offer.offerId())) {
            throw TaskErrors.invalidField(
                    "offerId",
                    "offerId " + offerId + " is not the offer on the table, " + offer.offerId()
                            + "; accept that one or send no offerId");
        }
    }

    /** Checks that a priced offer is accepted with a hold and a free one without. */
    static void requireHoldFits(TaskOffer offer, String hold) {
        boolean held = hold != null && !hold.isBlank();
        if (offer.price() > 0 && !held) {
            throw TaskErrors.invalidField(
                    "holdId", "the offer costs " + offer.price() + " credits; hold them first and send the holdId");
        }
        if (offer.price() == 0 && hold != null) {
            throw TaskErrors.invalidField("holdId", "a free offer needs no hold; release the hold and send no holdId");
        }
    }
}
