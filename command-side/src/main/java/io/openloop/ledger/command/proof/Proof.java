package io.openloop.ledger.command.proof;

import static io.openloop.ledger.command.proof.ProofErrors.invalidField;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.proof.AttachProofCommand;
import io.openloop.ledger.messages.proof.AttestProofCommand;
import io.openloop.ledger.messages.proof.CheckProofAgainstRecordsCommand;
import io.openloop.ledger.messages.proof.ConfirmProofCommand;
import io.openloop.ledger.messages.proof.DisputeProofCommand;
import io.openloop.ledger.messages.proof.MarkProofSettledCommand;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofDigest;
import io.openloop.ledger.messages.proof.ProofDisputedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.ProofVerificationRaisedEvent;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.proof.VerificationMethod;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Evidence about an invocation or a task, and the verification level it has reached. A proof is attached once at V0
 * or V1, and each check that succeeds raises it to the higher of its level and the check's level, so levels never drop.
 *
 * <p>Each verification method is recorded once: a command for a method the proof already has succeeds without an
 * event, so a redelivered command or a processor that runs again changes nothing. A dispute is recorded once too.
 */
@Aggregate
class Proof {

    static final String PLATFORM = "platform";

    static final int MAX_NOTE_LENGTH = 500;

    @AggregateIdentifier
    private String proofId;

    private ProofSubjectType subjectType;
    private String subjectId;
    private String submittedByLoopId;
    private ProofArtifact artifact;
    private VerificationLevel level;
    private boolean disputed;
    private final Set<VerificationMethod> methods = EnumSet.noneOf(VerificationMethod.class);

    Proof() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    Proof(AttachProofCommand command, Clock clock) {
        ProofRules.check(command);

        apply(new ProofAttachedEvent(
                command.proofId(),
                command.subjectType(),
                command.subjectId(),
                command.submittedByLoopId(),
                command.artifact(),
                command.level(),
                clock.instant()));
    }

    @CommandHandler
    void handle(CheckProofAgainstRecordsCommand command, Clock clock) {
        requireSubject(ProofSubjectType.INVOCATION, "be checked against invocation records");

        String detail = command.detail() == null || command.detail().isBlank()
                ? "The platform's invocation records agree with the proof."
                : command.detail();
        raise(VerificationMethod.PLATFORM_RECORDS, PLATFORM, detail, clock);
    }

    @CommandHandler
    void handle(ConfirmProofCommand command, Clock clock) {
        requireSubject(ProofSubjectType.TASK, "be confirmed by a counterparty");
        ProofRules.requireId(command.confirmedByLoopId(), Ids.LOOP, "confirmedByLoopId");
        if (command.confirmedByLoopId().equals(submittedByLoopId)) {
            throw ProofErrors.invalidProofState(
                    proofId,
                    level.name(),
                    "loop " + submittedByLoopId + " submitted proof " + proofId
                            + ", so it cannot confirm it; the task's other party confirms");
        }
        String note = ProofRules.optionalText(command.note(), "note", MAX_NOTE_LENGTH);

        String detail = "Loop " + command.confirmedByLoopId() + ", the other party of task " + subjectId
                + ", confirmed the proof" + (note == null ? "." : ": " + note);
        raise(VerificationMethod.COUNTERPARTY_CONFIRMATION, command.confirmedByLoopId(), detail, clock);
    }

    @CommandHandler
    void handle(AttestProofCommand command, Clock clock) {
        ProofRules.requireId(command.verifierId(), Ids.VERIFIER, "verifierId");
        PublicKey key = Ed25519Signatures.publicKey(command.verifierPublicKey(), "verifierPublicKey");
        byte[] signature = Ed25519Signatures.signature(command.signature(), "signature");
        String digest = ProofDigest.of(proofId, subjectType, subjectId, artifact);
        if (!Ed25519Signatures.verifies(key, digest.getBytes(StandardCharsets.UTF_8), signature)) {
            throw invalidField(
                    "signature",
                    "signature does not verify under the public key of verifier " + command.verifierId()
                            + "; sign the UTF-8 bytes of the proof's digest " + digest);
        }

        String detail = "Verifier " + command.verifierId() + " signed the proof's digest " + digest + " with Ed25519.";
        raise(VerificationMethod.VERIFIER_SIGNATURE, command.verifierId(), detail, clock);
    }

    @CommandHandler
    void handle(MarkProofSettledCommand command, Clock clock) {
        requireSubject(ProofSubjectType.TASK, "be settled");
        if (!subjectId.equals(command.taskId())) {
            throw ProofErrors.invalidProofState(
                    proofId,
                    level.name(),
                    "proof " + proofId + " is about task " + subjectId + ", not " + command.taskId()
                            + ", so that task's settlement does not settle it");
        }

        String detail = "The ledger recorded settlement of the payment for task " + subjectId + ".";
        raise(VerificationMethod.SETTLEMENT, PLATFORM, detail, clock);
    }

    @CommandHandler
    void handle(DisputeProofCommand command, Clock clock) {
        ProofRules.requireId(command.disputedByLoopId(), Ids.LOOP, "disputedByLoopId");
        if (disputed) {
            return;
        }

        apply(new ProofDisputedEvent(
                proofId,
                subjectType,
                subjectId,
                submittedByLoopId,
                command.disputedByLoopId(),
                command.reason(),
                clock.instant()));
    }

    private void requireSubject(ProofSubjectType expected, String action) {
        if (subjectType != expected) {
            throw ProofErrors.invalidProofState(
                    proofId,
                    level.name(),
                    "proof " + proofId + " is about " + subjectType.wireName() + " " + subjectId + "; only a "
                            + expected.wireName() + "'s proof can " + action);
        }
    }

    private void raise(VerificationMethod method, String verifiedBy, String detail, Clock clock) {
        if (methods.contains(method)) {
            return;
        }

        VerificationLevel raised = method.level().compareTo(level) > 0 ? method.level() : level;
        apply(new ProofVerificationRaisedEvent(
                proofId,
                subjectType,
                subjectId,
                submittedByLoopId,
                method,
                level,
                raised,
                verifiedBy,
                detail,
                clock.instant()));
    }

    @EventSourcingHandler
    void on(ProofAttachedEvent event) {
        proofId = event.proofId();
        subjectType = event.subjectType();
        subjectId = event.subjectId();
        submittedByLoopId = event.submittedByLoopId();
        artifact = event.artifact();
        level = event.level();
        if (level == VerificationLevel.V1) {
            methods.add(VerificationMethod.EVIDENCE);
        }
    }

    @EventSourcingHandler
    void on(ProofVerificationRaisedEvent event) {
        methods.add(event.method());
        level = event.level();
    }

    @EventSourcingHandler
    void on(ProofDisputedEvent event) {
        disputed = true;
    }
}
