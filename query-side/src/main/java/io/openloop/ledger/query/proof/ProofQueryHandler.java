package io.openloop.ledger.query.proof;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.proof.FindLoopVerificationQuery;
import io.openloop.ledger.messages.proof.FindProofQuery;
import io.openloop.ledger.messages.proof.FindSubjectVerificationQuery;
import io.openloop.ledger.messages.proof.FindVerifierQuery;
import io.openloop.ledger.messages.proof.LoopVerificationView;
import io.openloop.ledger.messages.proof.ProofView;
import io.openloop.ledger.messages.proof.SubjectVerificationView;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.proof.VerifierView;
import io.openloop.ledger.projection.proof.ProofReadModels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Handles proof and verifier queries from the verification read models. Lookups are by {@code _id}, or by {@code $in}
 * on {@code _id}, which the in-process store serves from its unique index.
 */
@Component
class ProofQueryHandler {

    private final MongoCollection<Document> proofs;
    private final MongoCollection<Document> subjects;
    private final MongoCollection<Document> verifiers;

    ProofQueryHandler(MongoDatabase database) {
        this.proofs = database.getCollection(ProofReadModels.PROOFS);
        this.subjects = database.getCollection(ProofReadModels.PROOF_SUBJECTS);
        this.verifiers = database.getCollection(ProofReadModels.VERIFIERS);
    }

    @QueryHandler
    ProofView handle(FindProofQuery query) {
        Document doc = proofs.find(Filters.eq("_id", query.proofId())).first();
        return doc == null ? null : ProofDocuments.toView(doc);
    }

    /** Reads the subject's document, then its proofs by {@code _id}, ordered by attachment time and proof id. */
    @QueryHandler
    SubjectVerificationView handle(FindSubjectVerificationQuery query) {
        String key = ProofReadModels.subjectKey(query.subjectType(), query.subjectId());
        Document subject = subjects.find(Filters.eq("_id", key)).first();
        if (subject == null) {
            return new SubjectVerificationView(query.subjectType(), query.subjectId(), null, List.of());
        }

        List<String> proofIds = subject.getList("proofs", Document.class).stream()
                .map(entry -> entry.getString("proofId"))
                .toList();
        List<ProofView> views = new ArrayList<>();
        for (Document doc : proofs.find(Filters.in("_id", proofIds))) {
            views.add(ProofDocuments.toView(doc));
        }
        views.sort(Comparator.comparing(ProofView::attachedAt).thenComparing(ProofView::proofId));

        VerificationLevel highest = VerificationLevel.valueOf(subject.getString("highestLevel"));
        return new SubjectVerificationView(query.subjectType(), query.subjectId(), highest, views);
    }

    /**
     * Counts the subjects the loop submitted proofs for by their highest level.
     *
     * <p>NOTE: the in-process store scans {@value ProofReadModels#PROOF_SUBJECTS} for this, because it ignores the
     * non-unique index on {@code submittedByLoopIds} that MongoDB serves it from.
     */
    @QueryHandler
    LoopVerificationView handle(FindLoopVerificationQuery query) {
        Map<VerificationLevel, Long> counts = new EnumMap<>(VerificationLevel.class);
        for (VerificationLevel level : VerificationLevel.values()) {
            counts.put(level, 0L);
        }
        long disputed = 0;
        Document fields = new Document("highestLevel", 1).append("disputed", 1);
        for (Document subject :
                subjects.find(Filters.eq("submittedByLoopIds", query.loopId())).projection(fields)) {
            counts.merge(VerificationLevel.valueOf(subject.getString("highestLevel")), 1L, Long::sum);
            if (subject.getBoolean("disputed")) {
                disputed++;
            }
        }
        return new LoopVerificationView(query.loopId(), counts, disputed);
    }

    @QueryHandler
    VerifierView handle(FindVerifierQuery query) {
        Document doc = verifiers.find(Filters.eq("_id", query.verifierId())).first();
        return doc == null ? null : ProofDocuments.toVerifierView(doc);
    }
}
