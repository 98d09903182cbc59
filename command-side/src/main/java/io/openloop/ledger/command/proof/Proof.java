package io.openloop.ledger.command.proof;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.openloop.ledger.messages.proof.AttachProofCommand;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.VerificationLevel;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Evidence about an invocation or a task, and the verification level it has reached. A proof is attached once at V0
 * or V1. Raising its level comes with the checks that justify each higher level.
 */
@Aggregate
class Proof {

    @AggregateIdentifier
    private String proofId;

    private VerificationLevel level;

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

    @EventSourcingHandler
    void on(ProofAttachedEvent event) {
        proofId = event.proofId();
        level = event.level();
    }
}
