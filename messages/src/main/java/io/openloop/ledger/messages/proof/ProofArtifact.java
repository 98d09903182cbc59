package io.openloop.ledger.messages.proof;

import java.time.Instant;

/**
 * The evidence a loop submits: a kind, where the content is (a URI or inline data), the SHA-256 of the content in
 * lower-case hex, and when it was captured.
 *
 * @param kind for example {@code source_url}, {@code retrieved_at}, {@code document} or {@code receipt}
 * @param uri where the content can be fetched; null when {@code data} carries it
 * @param data the content inline; null when {@code uri} names it
 */
public record ProofArtifact(String kind, String uri, String data, String sha256, Instant capturedAt) {

    /** True when the artifact carries content, its hash and a time: the evidence V1 asks for. */
    public boolean isEvidenced() {
        return (uri != null || data != null) && sha256 != null && capturedAt != null;
    }
}
