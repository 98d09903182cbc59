package io.openloop.ledger.command.loop;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.openloop.ledger.messages.loop.BusinessIdentity;
import io.openloop.ledger.messages.loop.BusinessIdentitySubmittedEvent;
import io.openloop.ledger.messages.loop.BusinessVerificationRejectedEvent;
import io.openloop.ledger.messages.loop.BusinessVerifiedEvent;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.RejectBusinessVerificationCommand;
import io.openloop.ledger.messages.loop.SubmitBusinessIdentityCommand;
import io.openloop.ledger.messages.loop.VerificationStatus;
import io.openloop.ledger.messages.loop.VerifyBusinessCommand;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The business identity verification of a {@link Loop}: unsubmitted, pending, verified or rejected. Every loop has one
 * so that commands reach it; for developer and agent loops it stays {@code not_applicable} and rejects every command
 * with {@code INVALID_STATE}.
 *
 * <p>Submission is accepted when nothing is pending or verified, so a rejected business may submit again; verifying
 * and rejecting need a pending submission.
 */
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class BusinessVerification {

    private String loopId;
    private LoopKind kind;
    private VerificationStatus status;

    BusinessVerification() {
        // Required to restore the entity from a snapshot.
    }

    BusinessVerification(String loopId, LoopKind kind) {
        this.loopId = loopId;
        this.kind = kind;
        this.status = kind == LoopKind.BUSINESS ? VerificationStatus.UNSUBMITTED : VerificationStatus.NOT_APPLICABLE;
    }

    VerificationStatus status() {
        return status;
    }

    @CommandHandler
    void handle(SubmitBusinessIdentityCommand command, Clock clock) {
        requireBusiness("submit a business identity");
        if (status != VerificationStatus.UNSUBMITTED && status != VerificationStatus.REJECTED) {
            throw LoopErrors.invalidState(
                    "loop " + loopId + "'s verification is " + status.wireName() + ", so it cannot submit again"
                            + " until an operator rejects it",
                    status.wireName());
        }
        BusinessIdentity identity = BusinessIdentityRules.validate(command.identity());

        apply(new BusinessIdentitySubmittedEvent(loopId, identity, clock.instant()));
    }

    @CommandHandler
    void handle(VerifyBusinessCommand command, Clock clock) {
        requireBusiness("be verified");
        requirePending("verify");
        String note = FreeText.optional(command.note(), "note");

        apply(new BusinessVerifiedEvent(loopId, note, clock.instant()));
    }

    @CommandHandler
    void handle(RejectBusinessVerificationCommand command, Clock clock) {
        requireBusiness("be rejected");
        requirePending("reject");
        String reason = FreeText.required(command.reason(), "reason", "the website does not name the legal entity");

        apply(new BusinessVerificationRejectedEvent(loopId, reason, clock.instant()));
    }

    private void requireBusiness(String action) {
        if (kind != LoopKind.BUSINESS) {
            throw LoopErrors.invalidState(
                    "loop " + loopId + " is a " + kind.wireName() + " loop; only business loops can " + action,
                    status.wireName());
        }
    }

    private void requirePending(String action) {
        if (status != VerificationStatus.PENDING) {
            throw LoopErrors.invalidState(
                    "loop " + loopId + "'s verification is " + status.wireName() + "; only a pending submission can"
                            + " be decided, so there is nothing to " + action,
                    status.wireName());
        }
    }

    @EventSourcingHandler
    void on(BusinessIdentitySubmittedEvent event) {
        status = VerificationStatus.PENDING;
    }

    @EventSourcingHandler
    void on(BusinessVerifiedEvent event) {
        status = VerificationStatus.VERIFIED;
    }

    @EventSourcingHandler
    void on(BusinessVerificationRejectedEvent event) {
        status = VerificationStatus.REJECTED;
    }
}
