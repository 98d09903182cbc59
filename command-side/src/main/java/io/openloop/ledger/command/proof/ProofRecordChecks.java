package io.openloop.ledger.command.proof;

import io.openloop.ledger.command.CommandFailures;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.proof.CheckProofAgainstRecordsCommand;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Raises an invocation's proofs to V2 when the platform's own records agree with them (see {@link RecordComparison}).
 * A live success checks every proof it lists, and a proof attached after its invocation's result is checked when it is
 * attached. The facts come from the event store, not from a read model, so a lagging projection cannot fail a check.
 *
 * <p>A check that fails is logged at INFO and sends nothing. The proof rejects a check it already recorded as a no-op,
 * so an event processed twice changes nothing. A rejection with {@code INVALID_STATE} is logged and skipped, and any
 * other failure propagates, so the processor retries the event. Replays are disallowed because a replay must not send
 * commands again.
 */
@Component
@DisallowReplay
@ProcessingGroup(ProofRecordChecks.PROCESSING_GROUP)
class ProofRecordChecks {

    static final String PROCESSING_GROUP = "proof-record-checks";

    private static final Logger log = LoggerFactory.getLogger(ProofRecordChecks.class);

    private final CommandGateway commands;
    private final EventStore events;
    private final Duration clockSkew;

    /**
     * @param clockSkew how far a proof's capturedAt may lie before the request or after the result, because the
     *     provider's clock is not the server's
     */
    ProofRecordChecks(
            CommandGateway commands, EventStore events, @Value("${openloop.proofs.clock-skew:5m}") Duration clockSkew) {
        this.commands = commands;
        this.events = events;
        this.clockSkew = clockSkew;
    }

    @EventHandler
    void on(InvocationSucceededEvent event) {
        List<String> proofIds = event.proofIds() == null ? List.of() : event.proofIds();
        if (proofIds.isEmpty()) {
            return;
        }

        InvocationRecords records = InvocationRecords.read(events, event.invocationId());
        for (String proofId : proofIds) {
            check(proofId, event.invocationId(), readAttached(proofId), records);
        }
    }

    @EventHandler
    void on(ProofAttachedEvent event) {
        if (event.subjectType() != ProofSubjectType.INVOCATION) {
            return;
        }

        InvocationRecords records = InvocationRecords.read(events, event.subjectId());
        if (records.awaitsResult()) {
            // NOTE: only the proofs that the success lists are checked when it arrives. A proof attached before the
            // result by another route than the result itself is never checked.
            log.debug("Proof {} waits for the result of invocation {}", event.proofId(), event.subjectId());
            return;
        }
        if (records.succeeded() != null && listed(records, event.proofId())) {
            // The success lists this proof, so its own handler checks it.
            return;
        }
        check(event.proofId(), event.subjectId(), event, records);
    }

    private void check(String proofId, String invocationId, ProofAttachedEvent proof, InvocationRecords records) {
        RecordComparison.Outcome outcome = RecordComparison.compare(invocationId, proof, records, clockSkew);
        if (!outcome.agrees()) {
            log.info(
                    "Proof {} of invocation {} stays below V2: check {} failed because {}",
                    proofId,
                    invocationId,
                    outcome.failed(),
                    outcome.detail());
            return;
        }

        try {
            commands.sendAndWait(new CheckProofAgainstRecordsCommand(proofId, outcome.detail()));
        } catch (RuntimeException e) {
            if (CommandFailures.ledgerCode(e) == ErrorCode.INVALID_STATE) {
                log.info(
                        "CheckProofAgainstRecordsCommand for proof {} of invocation {} was rejected; skipped ({})",
                        proofId,
                        invocationId,
                        e.getMessage());
                return;
            }
            throw e;
        }
    }

    private ProofAttachedEvent readAttached(String proofId) {
        DomainEventStream stream = events.readEvents(proofId, 0);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof ProofAttachedEvent attached) {
                return attached;
            }
        }
        return null;
    }

    private static boolean listed(InvocationRecords records, String proofId) {
        List<String> proofIds = records.succeeded().proofIds();
        return proofIds != null && proofIds.contains(proofId);
    }
}
