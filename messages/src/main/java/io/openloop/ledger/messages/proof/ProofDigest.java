package io.openloop.ledger.messages.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digest a verifier signs: SHA-256 over the RFC 8785 canonical JSON of {@code {"proofId", "subjectType",
 * "subjectId", "kind", "uri", "data", "sha256", "capturedAt"}}, with absent fields left out and {@code capturedAt} in
 * ISO-8601 UTC, written as 64 lower-case hex digits.
 */
public final class ProofDigest {

    private ProofDigest() {}

    /** Returns the canonical JSON text that the digest is taken over. */
    public static String canonicalText(
            String proofId, ProofSubjectType subjectType, String subjectId, ProofArtifact artifact) {
        // RFC 8785 sorts members by their UTF-16 code units; these keys are ASCII, so a TreeMap orders them the same.
        Map<String, String> members = new TreeMap<>();
        members.put("proofId", proofId);
        members.put("subjectType", subjectType.wireName());
        members.put("subjectId", subjectId);
        members.put("kind", artifact.kind());
        if (artifact.uri() != null) {
            members.put("uri", artifact.uri());
        }
        if (artifact.data() != null) {
            members.put("data", artifact.data());
        }
        if (artifact.sha256() != null) {
            members.put("sha256", artifact.sha256());
        }
        if (artifact.capturedAt() != null) {
            members.put("capturedAt", artifact.capturedAt().toString());
        }
        StringBuilder text = new StringBuilder("{");
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (text.length() > 1) {
                text.append(',');
            }
            appendString(text, member.getKey());
            text.append(':');
            appendString(text, member.getValue());
        }
        return text.append('}').toString();
    }

    /** Returns the digest in lower-case hex. */
    public static String of(String proofId, ProofSubjectType subjectType, String subjectId, ProofArtifact artifact) {
        byte[] text = canonicalText(proofId, subjectType, subjectId, artifact).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Appends {@code value} as a JSON string with the escapes RFC 8785 prescribes (those of ECMAScript). */
    private static void appendString(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
