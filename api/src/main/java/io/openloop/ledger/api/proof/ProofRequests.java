package io.openloop.ledger.api.proof;

import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.proof.ProofArtifact;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parses the proofs that arrive with an invocation result or a task completion. */
public final class ProofRequests {

    static final int MAX_PROOFS = 50;
    static final int MAX_URI = 2048;
    private static final Pattern PROOF_KIND = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Schemes that name content someone can fetch and hash; {@code javascript:} and the like are not evidence. */
    static final List<String> URI_SCHEMES = List.of("https", "http", "ipfs", "ar", "s3", "gs");

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
            artifacts.add(artifact(proofs.get(i), "proofs[" + i + "]."));
        }
        return artifacts;
    }

    /** Returns the artifact of a proof sent on its own, whose fields are named without a prefix in errors. */
    public static ProofArtifact parseOne(ProofRequest proof) {
        return artifact(proof, "");
    }

    private static ProofArtifact artifact(ProofRequest proof, String prefix) {
        if (proof == null || proof.kind() == null) {
            throw Requests.invalid(prefix + "kind", "kind is missing, for example \"source_url\"");
        }
        if (!PROOF_KIND.matcher(proof.kind()).matches()) {
            throw Requests.invalid(prefix + "kind", "kind must be 1-64 characters of a-z, 0-9 and _");
        }
        if (proof.sha256() != null && !SHA256.matcher(proof.sha256()).matches()) {
            throw Requests.invalid(prefix + "sha256", "sha256 must be 64 lower-case hex digits");
        }
        if (proof.uri() != null && proof.uri().length() > MAX_URI) {
            throw Requests.invalid(prefix + "uri", "uri is longer than " + MAX_URI + " characters");
        }
        if (proof.uri() != null && !hasContentScheme(proof.uri())) {
            throw Requests.invalid(
                    prefix + "uri", "uri must be an absolute URI with scheme " + String.join(", ", URI_SCHEMES));
        }
        if (proof.data() != null && hasLoneSurrogate(proof.data())) {
            // Stored text would replace the lone surrogate, so the digest returned now would not match the stored one.
            throw Requests.invalid(prefix + "data", "data contains a lone UTF-16 surrogate; send valid Unicode text");
        }
        return new ProofArtifact(proof.kind(), proof.uri(), proof.data(), proof.sha256(), proof.capturedAt());
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasContentScheme(String uri) {
        try {
            URI parsed = new URI(uri);
            return parsed.getScheme() != null
                    && URI_SCHEMES.contains(parsed.getScheme().toLowerCase(Locale.ROOT))
                    && parsed.getRawSchemeSpecificPart() != null
                    && !parsed.getRawSchemeSpecificPart().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** One proof as a request carries it. */
    public record ProofRequest(String kind, String uri, String data, String sha256, Instant capturedAt) {}
}
