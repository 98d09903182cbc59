package io.openloop.ledger.command.proof;

import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Compares an invocation's proof with the invocation's stored events: the decision behind V2. The checks run in the
 * order of {@link Check}, and the first that fails decides the outcome.
 */
final class RecordComparison {

    /** One comparison. The log line names the first that failed. */
    enum Check {
        /** The proof's stream has its ProofAttachedEvent. */
        PROOF_ATTACHED,
        /** The proof is about this invocation. */
        SUBJECT,
        /** The invocation's stream has its InvocationRequestedEvent. */
        INVOCATION_REQUESTED,
        /** The invocation succeeded live. A sandbox run never does. */
        SUCCEEDED_LIVE,
        /** The proof's submitter is the tool's publisher. */
        PUBLISHER,
        /** The artifact's capturedAt lies between the request and the result, widened by the clock skew. */
        CAPTURED_AT,
        /** Inline data hashes to the artifact's sha256. */
        DATA_HASH
    }

    /**
     * The result of a comparison.
     *
     * @param failed the first check that failed, or null when all held
     * @param detail what was compared when all held, otherwise why the failed check did not hold
     */
    record Outcome(Check failed, String detail) {

        boolean agrees() {
            return failed == null;
        }
    }

    private RecordComparison() {}

    /** Compares {@code proof}, which may be null when its stream is empty, with the invocation's records. */
    static Outcome compare(String invocationId, ProofAttachedEvent proof, InvocationRecords records, Duration skew) {
        if (proof == null) {
            return failed(Check.PROOF_ATTACHED, "the proof has no ProofAttachedEvent");
        }
        if (proof.subjectType() != ProofSubjectType.INVOCATION
                || !proof.subjectId().equals(invocationId)) {
            return failed(
                    Check.SUBJECT, "the proof is about " + proof.subjectType().wireName() + " " + proof.subjectId());
        }
        if (records.requested() == null) {
            return failed(Check.INVOCATION_REQUESTED, "the invocation has no InvocationRequestedEvent");
        }
        if (records.succeeded() == null) {
            String state = records.simulated() ? "is a sandbox run" : "has no InvocationSucceededEvent";
            return failed(Check.SUCCEEDED_LIVE, "the invocation " + state);
        }

        String publisher = records.requested().publisherLoopId();
        if (!proof.submittedByLoopId().equals(publisher)) {
            return failed(
                    Check.PUBLISHER,
                    "the proof came from " + proof.submittedByLoopId() + ", not the publisher " + publisher);
        }

        ProofArtifact artifact = proof.artifact();
        Instant earliest = records.requested().requestedAt().minus(skew);
        Instant latest = records.succeeded().completedAt().plus(skew);
        Instant captured = artifact.capturedAt();
        if (captured == null || captured.isBefore(earliest) || captured.isAfter(latest)) {
            return failed(Check.CAPTURED_AT, "capturedAt " + captured + " lies outside " + earliest + " to " + latest);
        }

        boolean hashed = artifact.data() != null;
        if (hashed && !sha256Hex(artifact.data()).equals(artifact.sha256())) {
            return failed(Check.DATA_HASH, "the SHA-256 of the inline data differs from sha256 " + artifact.sha256());
        }

        String detail = "Invocation " + invocationId + " succeeded live, the proof came from its publisher "
                + publisher + ", capturedAt " + captured + " lies within " + earliest + " to " + latest
                + " (request and result widened by " + skew + ")"
                + (hashed ? ", and the inline data hashes to sha256." : "; the content at the uri was not fetched.");
        return new Outcome(null, detail);
    }

    private static Outcome failed(Check check, String reason) {
        return new Outcome(check, reason);
    }

    /** Returns the SHA-256 of the UTF-8 bytes of {@code text} in lower-case hex. */
    static String sha256Hex(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
