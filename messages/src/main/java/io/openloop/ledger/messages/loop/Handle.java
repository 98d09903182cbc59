package io.openloop.ledger.messages.loop;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.util.Locale;
import java.util.Map;

/**
 * A loop's public handle: {@code @} followed by 3 to 32 characters of {@code a-z}, {@code 0-9} and {@code _}.
 *
 * <p>Input is folded to lower case, so {@code @Acme_Business} and {@code @acme_business} are the same handle. Any
 * character outside ASCII is rejected rather than folded, so look-alike letters (Cyrillic {@code а}, full-width
 * forms) can never impersonate an existing handle.
 */
public record Handle(@JsonValue String value) {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;

    public Handle {
        value = normalize(value);
    }

    /** Parses and folds a handle, throwing {@link ErrorCode#VALIDATION_FAILED} naming the field {@code handle}. */
    @JsonCreator
    public static Handle of(String raw) {
        return new Handle(raw);
    }

    private static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw invalid("handle is missing; send one such as \"@acme_dev\"");
        }
        if (raw.charAt(0) != '@') {
            throw invalid("handle must start with '@', for example \"@acme_dev\"");
        }
        String body = raw.substring(1);
        if (body.length() < MIN_LENGTH || body.length() > MAX_LENGTH) {
            throw invalid("handle must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters after '@', got "
                    + body.length());
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c > 0x7f) {
                throw invalid(
                        "handle contains a non-ASCII character at position " + (i + 1) + "; use only a-z, 0-9 and _");
            }
        }
        String folded = body.toLowerCase(Locale.ROOT);
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            if (!allowed) {
                throw invalid(
                        "handle contains '" + printable(c) + "' at position " + (i + 1) + "; use only a-z, 0-9 and _");
            }
        }
        return "@" + folded;
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static LedgerException invalid(String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of("handle", message)));
    }

    @Override
    public String toString() {
        return value;
    }
}
