package io.openloop.ledger.store.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EventHashesTest {

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hashIsSha256OfTheCanonicalEnvelope() throws Exception {
        // The envelope written out by hand: keys sorted, payload and metadata as JSON values, absent fields null.
        String canonical = "{\"atype\":\"CreditAccount\",\"id\":\"evt-1\",\"meta\":{\"traceId\":\"t\"},"
                + "\"payload\":{\"amount\":5,\"note\":\"café\"},\"prev\":\"abc\",\"rev\":null,\"seq\":3,"
                + "\"stream\":\"acct_1\",\"ts\":\"2026-03-01T10:00:00.000001Z\",\"type\":\"x.CreditsRecorded\"}";

        String hash = EventHashes.hash(
                "acct_1",
                "CreditAccount",
                3,
                "evt-1",
                "x.CreditsRecorded",
                null,
                "2026-03-01T10:00:00.000001Z",
                "{\"note\":\"caf\\u00e9\",\"amount\":5.0}",
                "{\"traceId\":\"t\"}",
                "abc");

        assertThat(hash).isEqualTo(sha256(canonical));
    }

    @Test
    void hashChangesWithAnyField() {
        String base = EventHashes.hash("s", "A", 1, "id", "T", "1", "ts", "{\"a\":1}", "{}", "p");

        assertThat(EventHashes.hash("s2", "A", 1, "id", "T", "1", "ts", "{\"a\":1}", "{}", "p"))
                .isNotEqualTo(base);
        assertThat(EventHashes.hash("s", "A", 2, "id", "T", "1", "ts", "{\"a\":1}", "{}", "p"))
                .isNotEqualTo(base);
        assertThat(EventHashes.hash("s", "A", 1, "id", "T", "2", "ts", "{\"a\":1}", "{}", "p"))
                .isNotEqualTo(base);
        assertThat(EventHashes.hash("s", "A", 1, "id", "T", "1", "ts", "{\"a\":2}", "{}", "p"))
                .isNotEqualTo(base);
        assertThat(EventHashes.hash("s", "A", 1, "id", "T", "1", "ts", "{\"a\":1}", "{}", null))
                .isNotEqualTo(base);
    }

    @Test
    void stringPayloadDiffersFromObjectPayload() {
        String asObject = EventHashes.hash("s", null, 0, "id", "T", null, "ts", "{\"a\":1}", "{}", null);
        String asString = EventHashes.hash("s", null, 0, "id", "T", null, "ts", "\"{\\\"a\\\":1}\"", "{}", null);

        assertThat(asObject).isNotEqualTo(asString);
    }
}
