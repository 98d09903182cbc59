package io.openloop.ledger.command.proof;

import static io.openloop.ledger.command.proof.ProofErrors.invalidField;

import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.proof.AttachProofCommand;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.VerificationLevel;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Validates proof and verifier commands: an {@link AttachProofCommand} in full, the ids and texts of the others. */
final class ProofRules {

    static final Pattern KIND = Pattern.compile("[a-z0-9_]{1,64}");

    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Inline data in characters: 64 KiB, well inside the API's 256 KB request body. */
    static final int MAX_DATA_LENGTH = 65_536;

    static final int MAX_URI_LENGTH = 2048;

    private ProofRules() {}

    static void check(AttachProofCommand command) {
        requireId(command.proofId(), Ids.PROOF, "proofId");
        if (command.subjectType() == null) {
            throw invalidField("subjectType", "subjectType is missing; send invocation or task");
        }
        String subjectPrefix = command.subjectType() == ProofSubjectType.INVOCATION ? Ids.INVOCATION : Ids.TASK;
        requireId(command.subjectId(), subjectPrefix, "subjectId");
        requireId(command.submittedByLoopId(), Ids.LOOP, "submittedByLoopId");
        if (command.level() != VerificationLevel.V0 && command.level() != VerificationLevel.V1) {
            throw invalidField("level", "a proof starts at V0 or V1, not " + command.level());
        }

        checkArtifact(command.artifact(), command.level());
    }

    private static void checkArtifact(ProofArtifact artifact, VerificationLevel level) {
        if (artifact == null) {
            throw invalidField("artifact", "artifact is missing; send at least its kind");
        }
        if (artifact.kind() == null || !KIND.matcher(artifact.kind()).matches()) {
            throw invalidField(
                    "artifact.kind",
                    "artifact.kind [" + artifact.kind() + "] must be 1 to 64 of a-z, 0-9 and _, such as receipt");
        }
        if (artifact.sha256() != null && !SHA256.matcher(artifact.sha256()).matches()) {
            throw invalidField("artifact.sha256", "artifact.sha256 must be 64 lower-case hexadecimal digits");
        }
        if (artifact.uri() != null) {
            checkUri(artifact.uri());
        }
        if (artifact.data() != null && artifact.data().length() > MAX_DATA_LENGTH) {
            throw invalidField(
                    "artifact.data",
                    "artifact.data has " + artifact.data().length() + " characters; the maximum is " + MAX_DATA_LENGTH
                            + ", so send a uri for larger content");
        }
        if (level == VerificationLevel.V1 && !artifact.isEvidenced()) {
            throw invalidField(
                    "artifact",
                    "a V1 proof needs a uri or data, its sha256 and capturedAt; send them or attach it at V0");
        }
    }

    private static void checkUri(String uri) {
        if (uri.length() > MAX_URI_LENGTH) {
            throw invalidField(
                    "artifact.uri",
                    "artifact.uri has " + uri.length() + " characters; the maximum is " + MAX_URI_LENGTH);
        }
        try {
            if (!new URI(uri).isAbsolute()) {
                throw invalidField(
                        "artifact.uri", "artifact.uri must be absolute, such as https://example.com/receipt");
            }
        } catch (URISyntaxException e) {
            throw invalidField("artifact.uri", "artifact.uri is not a valid URI: " + e.getReason());
        }
    }

    static void requireId(String id, String prefix, String field) {
        if (!Ids.isValid(id, prefix)) {
            throw invalidField(field, field + " [" + id + "] is not a valid id; it starts with " + prefix);
        }
    }

    /** Returns the trimmed text, null when it is null or blank, or rejects it above {@code maxLength} characters. */
    static String optionalText(String raw, String field, int maxLength) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            throw invalidField(field, field + " has " + length + " characters; the maximum is " + maxLength);
        }
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw invalidField(field, field + " contains a control character; remove it");
        }
        return text;
    }
}
