package io.openloop.ledger.messages.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ProofDigestTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void canonicalTextSortsKeysAndDropsAbsentFields() {
        ProofArtifact artifact = new ProofArtifact(
                "source_url", "https://example.org/a", null, SHA, Instant.parse("2026-12-04T10:00:00Z"));

        String text = ProofDigest.canonicalText("prf_1", ProofSubjectType.INVOCATION, "inv_1", artifact);

        assertThat(text)
                .isEqualTo("{\"capturedAt\":\"2026-12-04T10:00:00Z\",\"kind\":\"source_url\",\"proofId\":\"prf_1\","
                        + "\"sha256\":\"" + SHA + "\",\"subjectId\":\"inv_1\",\"subjectType\":\"invocation\","
                        + "\"uri\":\"https://example.org/a\"}");
    }

    @Test
    void canonicalTextEscapesControlCharacters() {
        ProofArtifact artifact = new ProofArtifact("document", null, "a\"b\\c\nd\u0001é", null, null);

        String text = ProofDigest.canonicalText("prf_1", ProofSubjectType.TASK, "task_1", artifact);

        assertThat(text).contains("\"data\":\"a\\\"b\\\\c\\nd\\u0001é\"");
        assertThat(text).doesNotContain("capturedAt");
        assertThat(text).doesNotContain("sha256");
    }

    @Test
    void digestIsSha256OfCanonicalText() throws Exception {
        ProofArtifact artifact = new ProofArtifact("receipt", "https://example.org/r", null, SHA, null);
        String text = ProofDigest.canonicalText("prf_2", ProofSubjectType.TASK, "task_2", artifact);
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(ProofDigest.of("prf_2", ProofSubjectType.TASK, "task_2", artifact))
                .isEqualTo(expected);
        assertThat(expected).hasSize(64);
    }
}
