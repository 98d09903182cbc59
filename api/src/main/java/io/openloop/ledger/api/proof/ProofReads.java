package io.openloop.ledger.api.proof;

import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.ReadModelPolling;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.proof.FindProofQuery;
import io.openloop.ledger.messages.proof.ProofView;
import java.util.Map;
import java.util.function.Predicate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.stereotype.Component;

/**
 * Reads proofs from the verification read model. A proof the event store has but the read model does not show yet is
 * waited for, up to the read-model wait, so a proof read right after it was attached or raised is found as it is.
 */
@Component
class ProofReads {

    private final Dispatcher dispatcher;
    private final EventStore events;
    private final ReadModelPolling polling;

    ProofReads(Dispatcher dispatcher, EventStore events, ReadModelPolling polling) {
        this.dispatcher = dispatcher;
        this.events = events;
        this.polling = polling;
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

    /** Returns the proof once {@code ready} accepts it, or as it is when the read-model wait runs out. */
    ProofView await(String proofId, Predicate<ProofView> ready) {
        return polling.await("proof " + proofId, () -> find(proofId), view -> view != null && ready.test(view));
    }

    private ProofView find(String proofId) {
        return dispatcher.query(new FindProofQuery(proofId), ResponseTypes.instanceOf(ProofView.class));
    }

    static LedgerException notFound(String proofId) {
        return new LedgerException(
                ErrorCode.NOT_FOUND, "proof " + proofId + " not found", Map.of("proofId", String.valueOf(proofId)));
    }
}
