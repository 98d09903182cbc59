package io.openloop.ledger.api.aap;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.api.proof.ProofRequests;
import io.openloop.ledger.api.proof.ProofRequests.ProofRequest;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditBalance;
import io.openloop.ledger.messages.credit.PlaceHoldCommand;
import io.openloop.ledger.messages.credit.ReleaseHoldCommand;
import io.openloop.ledger.messages.loop.FindLoopQuery;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.LoopView;
import io.openloop.ledger.messages.proof.AttachProofCommand;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.task.AcceptOfferCommand;
import io.openloop.ledger.messages.task.CompleteTaskCommand;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The two messages that act on more than the task. An acceptance places a hold for the price on the requester's
 * account before the contract forms, and a completion attaches its proofs before the task records it. Both check the
 * task first, so that a message that cannot fit leaves no hold and no proof behind (except in the race noted in
 * {@link #complete}).
 */
@Component
class ContractSteps {

    private static final Logger log = LoggerFactory.getLogger(ContractSteps.class);

    /**
     * How long a contract's hold lasts after acceptance. An amended deadline may lie up to {@link
     * TaskOffer#MAX_CONTRACT_DURATION} after acceptance, so the hold outlives every deadline by an hour; the task's own
     * end releases it far sooner.
     */
    static final Duration HOLD_REACH = TaskOffer.MAX_CONTRACT_DURATION.plusHours(1);

    private final Dispatcher dispatcher;
    private final Clock clock;
    private final TaskTimeline timeline;

    ContractSteps(Dispatcher dispatcher, Clock clock, TaskTimeline timeline) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.timeline = timeline;
    }

    /**
     * Accepts the offer on the table. A priced offer is first held on the requester's account under the offer's id:
     * 402 {@code INSUFFICIENT_CREDITS} when it cannot be, and the acceptance does not happen. When the task then
     * rejects the acceptance, the hold is released before the rejection is returned, unless the task was accepted
     * with that hold by a concurrent acceptance of the same offer.
     *
     * <p>One hold per offer makes a repeated acceptance safe. A server killed after the hold but before the acceptance
     * leaves the hold behind. The idempotency filter executes the retry again once the first attempt's record is
     * stale, and the retry then accepts the offer with that hold instead of holding the price a second time.
     */
    CreditBalance accept(
            TaskSnapshot task, String messageId, String offerId, Caller caller, ServerWebExchange exchange) {
        requireBusinessActive(task);
        // The acceptance names the offer that was priced, so a newer offer made meanwhile is not accepted with it.
        String acceptedOfferId =
                offerId == null && task.offer() != null ? task.offer().offerId() : offerId;
        String holdId = null;
        CreditBalance balance = null;
        if (needsHold(task, offerId, caller)) {
            holdId = acceptedOfferId;
            balance = placeHold(task, holdId, caller, exchange);
        }
        try {
            dispatcher.send(
                    new AcceptOfferCommand(task.taskId(), messageId, caller.loopId(), acceptedOfferId, holdId),
                    caller,
                    exchange);
        } catch (RuntimeException e) {
            if (holdId != null && !holdId.equals(timeline.require(task.taskId()).holdId())) {
                releaseAfterRejection(task, holdId, caller, exchange, e);
            }
            throw e;
        }
        return balance;
    }

    /** Rejects an acceptance of an offer whose business was suspended since: it could never complete the work. */
    private void requireBusinessActive(TaskSnapshot task) {
        LoopView business =
                dispatcher.query(new FindLoopQuery(task.businessLoopId()), ResponseTypes.instanceOf(LoopView.class));
        if (business.status() == LoopStatus.SUSPENDED) {
            throw new LedgerException(
                    ErrorCode.LOOP_SUSPENDED,
                    "business " + business.handle() + " is suspended, so its offer cannot be accepted",
                    Map.of("handle", business.handle(), "taskId", task.taskId()));
        }
    }

    /** Tells whether the acceptance can fit and has a price to hold; otherwise the task alone decides. */
    private static boolean needsHold(TaskSnapshot task, String offerId, Caller caller) {
        return task.state() == TaskState.OFFERED
                && caller.loopId().equals(task.requesterLoopId())
                && task.offer() != null
                && task.offer().price() > 0
                && (offerId == null || offerId.equals(task.offer().offerId()));
    }

    private CreditBalance placeHold(TaskSnapshot task, String holdId, Caller caller, ServerWebExchange exchange) {
        long price = task.offer().price();
        Instant expiresAt = clock.instant().plus(HOLD_REACH);
        try {
            return dispatcher.send(
                    new PlaceHoldCommand(
                            CreditAccounts.accountIdOf(task.requesterLoopId()),
                            holdId,
                            price,
                            expiresAt,
                            task.taskId()),
                    caller,
                    exchange);
        } catch (LedgerException e) {
            if (isHoldPlacedBefore(e, holdId)) {
                // NOTE: the hold is taken as open. A hold of this offer that an earlier rejected acceptance released
                // would be accepted too, and the settlement's capture of it would then be rejected.
                log.info(
                        "Hold {} for task {} was placed by an earlier attempt; the acceptance uses it",
                        holdId,
                        task.taskId());
                return null;
            }
            if (e.code() != ErrorCode.INSUFFICIENT_CREDITS) {
                throw e;
            }
            log.info("Acceptance of task {} by loop {} failed: {}", task.taskId(), caller.loopId(), e.getMessage());
            Map<String, Object> details = new LinkedHashMap<>(e.details());
            details.put("taskId", task.taskId());
            throw new LedgerException(
                    ErrorCode.INSUFFICIENT_CREDITS,
                    "accepting this offer holds its price of " + price + " credits, which the account cannot cover",
                    details);
        }
    }

    /** Tells whether {@code e} rejected a hold because the account has a hold with this id already. */
    private static boolean isHoldPlacedBefore(LedgerException e, String holdId) {
        return e.code() == ErrorCode.INVALID_STATE
                && holdId.equals(e.details().get("holdId"))
                && "APPLIED".equals(e.details().get("currentState"));
    }

    private void releaseAfterRejection(
            TaskSnapshot task, String holdId, Caller caller, ServerWebExchange exchange, RuntimeException rejection) {
        try {
            dispatcher.send(
                    new ReleaseHoldCommand(
                            CreditAccounts.accountIdOf(task.requesterLoopId()), holdId, "offer acceptance rejected"),
                    caller,
                    exchange);
        } catch (RuntimeException e) {
            // The hold's own expiry releases it later; the caller still learns why the acceptance failed.
            log.error(
                    "Hold {} for task {} could not be released after the acceptance was rejected; it is released"
                            + " when it expires",
                    holdId,
                    task.taskId(),
                    e);
            rejection.addSuppressed(e);
        }
    }

    /**
     * Completes the task with proof. Only the business may complete, under contract, and with at least one evidenced
     * proof (content, hash and time): 422 {@code PROOF_REQUIRED} otherwise. The proofs become Proof aggregates at V1,
     * or V0 for one without evidence, before the completion is recorded.
     */
    void complete(
            TaskSnapshot task,
            String messageId,
            JsonNode result,
            List<ProofRequest> proofs,
            Caller caller,
            ServerWebExchange exchange) {
        requireCompletable(task, caller);
        List<ProofArtifact> artifacts = ProofRequests.parse(proofs);
        if (artifacts.stream().noneMatch(ProofArtifact::isEvidenced)) {
            throw new LedgerException(
                    ErrorCode.PROOF_REQUIRED,
                    "a TASK_COMPLETE needs at least one evidenced proof: a kind, a uri or data, a sha256 and a"
                            + " capturedAt",
                    Map.of("missing", List.of("evidenced proof")));
        }

        // NOTE: a completion that loses a race (a cancel recorded between the check above and the completion) leaves
        // its proofs attached to the task. They stay at the level they started, as evidence the business submitted.
        List<String> proofIds = new ArrayList<>(artifacts.size());
        for (ProofArtifact artifact : artifacts) {
            String proofId = Ids.newId(Ids.PROOF);
            VerificationLevel level = artifact.isEvidenced() ? VerificationLevel.V1 : VerificationLevel.V0;
            dispatcher.send(
                    new AttachProofCommand(
                            proofId, ProofSubjectType.TASK, task.taskId(), caller.loopId(), artifact, level),
                    caller,
                    exchange);
            proofIds.add(proofId);
        }
        dispatcher.send(
                new CompleteTaskCommand(task.taskId(), messageId, caller.loopId(), result, proofIds), caller, exchange);
    }

    private static void requireCompletable(TaskSnapshot task, Caller caller) {
        if (!caller.loopId().equals(task.businessLoopId())) {
            throw new LedgerException(
                    ErrorCode.INVALID_STATE,
                    "only the business completes a task",
                    Map.of("currentState", task.state().name(), "expectedSender", "business"));
        }
        if (!task.state().isUnderContract()) {
            throw new LedgerException(
                    ErrorCode.INVALID_STATE,
                    "task " + task.taskId() + " is " + task.state() + "; a TASK_COMPLETE needs an accepted contract",
                    Map.of("currentState", task.state().name()));
        }
    }
}
