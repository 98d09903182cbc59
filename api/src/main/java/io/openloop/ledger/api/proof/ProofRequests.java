package io.openloop.ledger.api.proof;

import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.proof.ProofArtifact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses the proofs that arrive with an invocation result or a task completion. */
public final class ProofRequests {

    static final int MAX_PROOFS = 50;
    static final int MAX_URI = 2048;
    private static final Pattern PROOF_KIND = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ProofRequests() {}

    /** Returns the artifacts of {@code proofs}; rejects with {@code VALIDATION_FAILED} naming the first bad field. */
    public static List<ProofArtifact> parse(List<ProofRequest> proofs) {
        if (proofs == null) {
            return List.of();
        }
        if (proofs.size() > MAX_PROOFS) {
            throw Requests.invalid("proofs", "at most " + MAX_PROOFS + " proofs per message");
        }
        List<ProofArtifact> artifacts = new ArrayList<>(proofs.size());
        for (int i = 0; i < proofs.size(); i++) {
            ProofRequest proof = proofs.get(i);
            if (proof == null || proof.kind() == null) {
                throw Requests.invalid("proofs[" + i + "].kind", "kind is missing, for example \"source_url\"");
            }
            String field = "proofs[" + i + "]";
            if (!PROOF_KIND.matcher(proof.kind()).matches()) {
                throw Requests.invalid(field + ".kind", "kind must be 1-64 characters of a-z, 0-9 and _");
            }
            if (proof.sha256() != null && !SHA256.matcher(proof.sha256()).matches()) {
                throw Requests.invalid(field + ".sha256", "sha256 must be 64 lower-case hex digits");
            }
            if (proof.uri() != null && proof.uri().length() > MAX_URI) {
                throw Requests.invalid(field + ".uri", "uri is longer than " + MAX_URI + " characters");
            }
            artifacts.add(
                    new ProofArtifact(proof.kind(), proof.uri(), proof.data(), proof.sha256(), proof.capturedAt()));
        }
        return artifacts;
    }

    /** One proof as a request carries it. */
    public record ProofRequest(String kind, String uri, String data, String sha256, Instant capturedAt) {}
}
