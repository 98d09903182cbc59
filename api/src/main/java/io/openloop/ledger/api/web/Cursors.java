package io.openloop.ledger.api.web;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Opaque cursors and page sizes for listings. A cursor wraps the sort key of the last entry of a page; clients pass
 * it back as {@code after} and must not read anything into it.
 */
public final class Cursors {

    /** Entries per page when the request names no limit. */
    public static final int DEFAULT_LIMIT = 50;

    /** The largest page a request may ask for. */
    public static final int MAX_LIMIT = 200;

    private static final String VERSION = "1:";

    private Cursors() {}

    /** Wraps the sort key of a page's last entry; null stays null, meaning there is no next page. */
    public static String encode(String sortKey) {
        if (sortKey == null) {
            return null;
        }
        byte[] text = (VERSION + sortKey).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
    }

    /** Unwraps a cursor from the {@code after} parameter; null stays null, meaning the first page. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
        if (!text.startsWith(VERSION) || text.length() == VERSION.length()) {
            throw invalidCursor();
        }
        return text.substring(VERSION.length());
    }

    /** Checks the {@code limit} parameter: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new LedgerException(
                    ErrorCode.VALIDATION_FAILED,
                    "limit must be between 1 and " + MAX_LIMIT + ", got " + limit,
                    Map.of("fields", Map.of("limit", "between 1 and " + MAX_LIMIT)));
        }
        return limit;
    }

    private static LedgerException invalidCursor() {
        return new LedgerException(
                ErrorCode.VALIDATION_FAILED,
                "after is not a cursor this server issued; pass the nextCursor of the previous page",
                Map.of("fields", Map.of("after", "not a cursor this server issued")));
    }
}
