package io.openloop.ledger.api.proof;

import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.proof.FindProofQuery;
import io.openloop.ledger.messages.proof.ProofView;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads proofs from the verification read model. A proof the event store has but the read model does not show yet is
 * waited for, up to the read-model wait, so a proof read right after it was attached or raised is found as it is.
 */
@Component
class ProofReads {

    private static final Logger log = LoggerFactory.getLogger(ProofReads.class);
    private static final long POLL_MILLIS = 10;

    private final Dispatcher dispatcher;
    private final EventStore events;
    private final Duration readModelWait;

    ProofReads(
            Dispatcher dispatcher,
            EventStore events,
            @Value("${openloop.api.read-model-wait:5s}") Duration readModelWait) {
        this.dispatcher = dispatcher;
        this.events = events;
        this.readModelWait = readModelWait;
    }

    /** Returns the proof, or rejects with {@code NOT_FOUND} when no proof has that id. */
    ProofView require(String proofId) {
        if (!Ids.isValid(proofId, Ids.PROOF)
                || events.lastSequenceNumberFor(proofId).isEmpty()) {
            throw notFound(proofId);
        }
        ProofView view = await(proofId, found -> true);
        if (view == null) {
            throw notFound(proofId);
        }
        return view;
    }

    /** Returns the proof once {@code ready} holds for it, or as it is when the wait runs out. */
    ProofView await(String proofId, Predicate<ProofView> ready) {
        long deadline = System.nanoTime() + readModelWait.toNanos();
        ProofView view = find(proofId);
        while (view == null || !ready.test(view)) {
            if (System.nanoTime() > deadline) {
                log.warn("Proof {} did not show its latest change in the read model within {}", proofId, readModelWait);
                return view;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return view;
            }
            view = find(proofId);
        }
        return view;
    }

    private ProofView find(String proofId) {
        return dispatcher.query(new FindProofQuery(proofId), ResponseTypes.instanceOf(ProofView.class));
    }

    static LedgerException notFound(String proofId) {
        return new LedgerException(
                ErrorCode.NOT_FOUND, "proof " + proofId + " not found", Map.of("proofId", String.valueOf(proofId)));
    }
}
