package io.openloop.ledger.api.idempotency;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/** The value of an {@code Idempotency-Key} header: 1 to 255 visible ASCII characters (0x21 to 0x7E). */
record IdempotencyKey(String value) {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    /**
     * Reads the key from the request headers.
     *
     * @return the key, or null when the request sends none
     * @throws LedgerException with {@code VALIDATION_FAILED} naming the header when the value is invalid or repeated
     */
    static IdempotencyKey from(HttpHeaders headers) {
        List<String> values = headers.get(HEADER);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid(HEADER + " header is sent " + values.size() + " times; send it once");
        }
        String value = values.get(0);
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw invalid(HEADER + " header has " + value.length() + " characters; send 1 to " + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw invalid(HEADER + " header contains a character that is not visible ASCII at index " + i
                        + "; use letters, digits and punctuation without spaces");
            }
        }
        return new IdempotencyKey(value);
    }

    /** Returns the record id of this key for {@code principalId}: SHA-256 over both, so keys never mix principals. */
    String recordId(String principalId) {
        return Sha256.hex(
                principalId.getBytes(StandardCharsets.UTF_8), new byte[] {0}, value.getBytes(StandardCharsets.UTF_8));
    }

    private static LedgerException invalid(String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(HEADER, message)));
    }
}
