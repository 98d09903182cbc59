package io.openloop.ledger.projection.proof;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.projection.RevisionedDocuments;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Keeps {@value ProofReadModels#PROOF_SUBJECTS} in step with {@value ProofReadModels#PROOFS}: each subject lists its
 * proofs with their level and dispute flag, and the highest level among them.
 *
 * <p>Proofs of one subject are separate aggregates, so different processor segments may sync the same subject at once.
 * Writes are compare-and-set on {@code revision} through {@link RevisionedDocuments}. Entries are sorted by proof id,
 * so the document does not depend on the order in which the segments got there.
 */
final class ProofSubjects {

    private static final int MAX_ATTEMPTS = 5;

    private final MongoCollection<Document> subjects;
    private final MongoCollection<Document> proofs;
    private final RevisionedDocuments writes;

    ProofSubjects(MongoCollection<Document> subjects, MongoCollection<Document> proofs) {
        this.subjects = subjects;
        this.proofs = proofs;
        this.writes = new RevisionedDocuments(subjects);
        // NOTE: the in-process store ignores this index and scans the collection for a loop's counts; MongoDB serves
        // that query from it.
        subjects.createIndexes(List.of(new IndexModel(Indexes.ascending("submittedByLoopIds"))));
    }

    /** Copies the proof's current level and dispute flag into its subject's document. */
    void sync(String proofId) {
        Document proof = proofs.find(Filters.eq("_id", proofId)).first();
        if (proof == null) {
            return;
        }
        ProofSubjectType subjectType = ProofSubjectType.fromWireName(proof.getString("subjectType"));
        String subjectId = proof.getString("subjectId");
        String key = ProofReadModels.subjectKey(subjectType, subjectId);
        Document entry = new Document("proofId", proofId)
                .append("level", proof.getString("level"))
                .append("disputed", proof.getBoolean("disputed"))
                .append("submittedByLoopId", proof.getString("submittedByLoopId"));

        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document stored = subjects.find(Filters.eq("_id", key)).first();
            List<Document> entries =
                    stored == null ? new ArrayList<>() : new ArrayList<>(stored.getList("proofs", Document.class));
            if (entries.contains(entry)) {
                return;
            }
            entries.removeIf(existing -> proofId.equals(existing.getString("proofId")));
            entries.add(entry);
            entries.sort(Comparator.comparing(existing -> existing.getString("proofId")));

            Long storedRevision = stored == null ? null : stored.getLong("revision");
            long revision = storedRevision == null ? 0 : storedRevision + 1;
            if (writes.write(subject(key, subjectType, subjectId, revision, entries), storedRevision)) {
                return;
            }
        }
        throw new IllegalStateException("Could not record proof " + proofId + " on subject " + key + " after "
                + MAX_ATTEMPTS + " attempts; another writer kept changing it");
    }

    void clear() {
        subjects.deleteMany(new Document());
    }

    private static Document subject(
            String key, ProofSubjectType subjectType, String subjectId, long revision, List<Document> entries) {
        TreeSet<String> submitters = new TreeSet<>();
        boolean disputed = false;
        for (Document entry : entries) {
            submitters.add(entry.getString("submittedByLoopId"));
            disputed |= entry.getBoolean("disputed");
        }
        return new Document("_id", key)
                .append("revision", revision)
                .append("subjectType", subjectType.wireName())
                .append("subjectId", subjectId)
                .append("proofs", entries)
                .append("highestLevel", highestLevel(entries).name())
                .append("disputed", disputed)
                .append("submittedByLoopIds", List.copyOf(submitters));
    }

    /** Returns the highest level of the undisputed proofs, or of all proofs when every one is disputed. */
    static VerificationLevel highestLevel(List<Document> entries) {
        VerificationLevel undisputed = null;
        VerificationLevel any = null;
        for (Document entry : entries) {
            VerificationLevel level = VerificationLevel.valueOf(entry.getString("level"));
            any = max(any, level);
            if (!entry.getBoolean("disputed")) {
                undisputed = max(undisputed, level);
            }
        }
        return undisputed != null ? undisputed : any;
    }

    private static VerificationLevel max(VerificationLevel current, VerificationLevel candidate) {
        return current == null || candidate.compareTo(current) > 0 ? candidate : current;
    }
}
