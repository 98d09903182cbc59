package io.openloop.ledger.command.proof;

import static io.openloop.ledger.command.proof.ProofErrors.invalidField;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.proof.RegisterVerifierCommand;
import io.openloop.ledger.messages.proof.RevokeVerifierCommand;
import io.openloop.ledger.messages.proof.VerifierRegisteredEvent;
import io.openloop.ledger.messages.proof.VerifierRevokedEvent;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A third-party verifier whose Ed25519 signatures raise proofs to V4. An operator registers it with its public key and
 * may revoke it once. The sender of an attestation checks that the verifier is not revoked.
 */
@Aggregate
class Verifier {

    static final int MAX_NAME_LENGTH = 100;

    static final int MAX_REASON_LENGTH = 500;

    @AggregateIdentifier
    private String verifierId;

    private boolean revoked;

    Verifier() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    Verifier(RegisterVerifierCommand command, Clock clock) {
        ProofRules.requireId(command.verifierId(), Ids.VERIFIER, "verifierId");
        String name = ProofRules.optionalText(command.name(), "name", MAX_NAME_LENGTH);
        if (name == null) {
            throw invalidField("name", "name is missing; send 1 to " + MAX_NAME_LENGTH + " characters");
        }
        Ed25519Signatures.publicKey(command.publicKey(), "publicKey");

        apply(new VerifierRegisteredEvent(command.verifierId(), name, command.publicKey(), clock.instant()));
    }

    @CommandHandler
    void handle(RevokeVerifierCommand command, Clock clock) {
        if (revoked) {
            throw ProofErrors.invalidVerifierState(
                    verifierId, "REVOKED", "verifier " + verifierId + " is already revoked");
        }
        String reason = ProofRules.optionalText(command.reason(), "reason", MAX_REASON_LENGTH);

        apply(new VerifierRevokedEvent(verifierId, reason, clock.instant()));
    }

    @EventSourcingHandler
    void on(VerifierRegisteredEvent event) {
        verifierId = event.verifierId();
    }

    @EventSourcingHandler
    void on(VerifierRevokedEvent event) {
        revoked = true;
    }
}
