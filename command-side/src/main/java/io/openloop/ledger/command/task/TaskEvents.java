package io.openloop.ledger.command.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.messages.task.ContractAmendedEvent;
import io.openloop.ledger.messages.task.ContractAmendmentProposedEvent;
import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.DisputeResolvedEvent;
import io.openloop.ledger.messages.task.OfferAcceptedEvent;
import io.openloop.ledger.messages.task.OfferDeclinedEvent;
import io.openloop.ledger.messages.task.OfferMadeEvent;
import io.openloop.ledger.messages.task.TaskCancelledEvent;
import io.openloop.ledger.messages.task.TaskCompletedEvent;
import io.openloop.ledger.messages.task.TaskDisputedEvent;
import io.openloop.ledger.messages.task.TaskExpiredEvent;
import io.openloop.ledger.messages.task.TaskFailedEvent;
import io.openloop.ledger.messages.task.TaskInputRequestedEvent;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskRejectedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.messages.task.TaskUpdatedEvent;
import java.time.Instant;
import java.util.List;

/** Builds the events of one task, filling in the task id and both parties that every task event carries. */
record TaskEvents(String taskId, String requesterLoopId, String businessLoopId) {

    TaskRejectedEvent rejected(String messageId, String code, String reason, Instant at) {
        return new TaskRejectedEvent(taskId, messageId, requesterLoopId, businessLoopId, code, reason, at);
    }

    OfferMadeEvent offerMade(String messageId, TaskOffer offer) {
        return new OfferMadeEvent(taskId, messageId, requesterLoopId, businessLoopId, offer);
    }

    OfferAcceptedEvent offerAccepted(String messageId, TaskOffer offer, String holdId, Instant at) {
        return new OfferAcceptedEvent(
                taskId,
                messageId,
                requesterLoopId,
                businessLoopId,
                offer.offerId(),
                offer.price(),
                offer.terms(),
                offer.deadline(),
                holdId,
                at);
    }

    OfferDeclinedEvent offerDeclined(String messageId, String offerId, String reason, Instant at) {
        return new OfferDeclinedEvent(taskId, messageId, requesterLoopId, businessLoopId, offerId, reason, at);
    }

    TaskUpdatedEvent updated(String messageId, String senderLoopId, String message, JsonNode data, Instant at) {
        return new TaskUpdatedEvent(
                taskId, messageId, requesterLoopId, businessLoopId, senderLoopId, message, data, at);
    }

    TaskInputRequestedEvent inputRequested(String messageId, String question, JsonNode data, Instant at) {
        return new TaskInputRequestedEvent(taskId, messageId, requesterLoopId, businessLoopId, question, data, at);
    }

    TaskCompletedEvent completed(
            String messageId, JsonNode result, List<String> proofIds, long price, String holdId, Instant at) {
        return new TaskCompletedEvent(
                taskId, messageId, requesterLoopId, businessLoopId, result, proofIds, price, holdId, at);
    }

    TaskSettledEvent settled(String holdId, long amount, Instant at) {
        return new TaskSettledEvent(taskId, requesterLoopId, businessLoopId, holdId, amount, at);
    }

    TaskFailedEvent failed(String messageId, String reason, String holdId, Instant at) {
        return new TaskFailedEvent(taskId, messageId, requesterLoopId, businessLoopId, reason, holdId, at);
    }

    TaskCancelledEvent cancelled(
            String messageId, String senderLoopId, TaskState from, String reason, String holdId, Instant at) {
        return new TaskCancelledEvent(
                taskId, messageId, requesterLoopId, businessLoopId, senderLoopId, from, reason, holdId, at);
    }

    TaskDisputedEvent disputed(String messageId, TaskState from, String reason, Instant at) {
        return new TaskDisputedEvent(taskId, messageId, requesterLoopId, businessLoopId, from, reason, at);
    }

    DisputeResolvedEvent disputeResolved(
            DisputeResolution resolution, String note, long amount, String refundTransferId, Instant at) {
        return new DisputeResolvedEvent(
                taskId, requesterLoopId, businessLoopId, resolution, note, amount, refundTransferId, at);
    }

    ContractAmendmentProposedEvent amendmentProposed(
            String amendmentId, String proposedByLoopId, String terms, Instant deadline, Instant at) {
        return new ContractAmendmentProposedEvent(
                taskId, requesterLoopId, businessLoopId, amendmentId, proposedByLoopId, terms, deadline, at);
    }

    ContractAmendedEvent amended(
            String amendmentId, String acceptedByLoopId, String terms, Instant deadline, Instant at) {
        return new ContractAmendedEvent(
                taskId, requesterLoopId, businessLoopId, amendmentId, acceptedByLoopId, terms, deadline, at);
    }

    TaskExpiredEvent expired(TaskState from, String holdId, Instant at) {
        return new TaskExpiredEvent(taskId, requesterLoopId, businessLoopId, from, holdId, at);
    }
}
