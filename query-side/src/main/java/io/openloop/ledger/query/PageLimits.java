package io.openloop.ledger.query;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.util.Map;

/** The page size that listing queries accept. */
public final class PageLimits {

    public static final int MAX_LIMIT = 200;

    private PageLimits() {}

    /** Rejects a {@code limit} outside 1 to {@value #MAX_LIMIT} with {@code VALIDATION_FAILED}. */
    public static void require(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new LedgerException(
                    ErrorCode.VALIDATION_FAILED,
                    "limit must be between 1 and " + MAX_LIMIT + ", got " + limit,
                    Map.of("fields", Map.of("limit", "between 1 and " + MAX_LIMIT)));
        }
    }
}
