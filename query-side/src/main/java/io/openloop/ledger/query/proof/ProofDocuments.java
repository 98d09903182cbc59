package io.openloop.ledger.query.proof;

import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.ProofVerificationView;
import io.openloop.ledger.messages.proof.ProofView;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.proof.VerificationMethod;
import io.openloop.ledger.messages.proof.VerifierView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Converts the verification read models' documents into views. */
final class ProofDocuments {

    private ProofDocuments() {}

    static ProofView toView(Document doc) {
        List<ProofVerificationView> verifications = new ArrayList<>();
        for (Document verification : doc.getList("verifications", Document.class)) {
            verifications.add(new ProofVerificationView(
                    VerificationMethod.valueOf(verification.getString("method")),
                    VerificationLevel.valueOf(verification.getString("level")),
                    verification.getString("verifiedBy"),
                    verification.getString("detail"),
                    instant(verification.getDate("verifiedAt"))));
        }
        return new ProofView(
                doc.getString("_id"),
                ProofSubjectType.fromWireName(doc.getString("subjectType")),
                doc.getString("subjectId"),
                doc.getString("submittedByLoopId"),
                artifact(doc.get("artifact", Document.class)),
                doc.getString("digest"),
                VerificationLevel.valueOf(doc.getString("level")),
                doc.getBoolean("disputed"),
                verifications,
                instant(doc.getDate("attachedAt")));
    }

    static VerifierView toVerifierView(Document doc) {
        return new VerifierView(
                doc.getString("_id"),
                doc.getString("name"),
                doc.getString("publicKey"),
                instant(doc.getDate("registeredAt")),
                instant(doc.getDate("revokedAt")));
    }

    private static ProofArtifact artifact(Document artifact) {
        String capturedAt = artifact.getString("capturedAt");
        return new ProofArtifact(
                artifact.getString("kind"),
                artifact.getString("uri"),
                artifact.getString("data"),
                artifact.getString("sha256"),
                capturedAt == null ? null : Instant.parse(capturedAt));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
