package io.openloop.ledger.api.fuzz;

import io.openloop.ledger.api.fuzz.ApiOperations.Operation;

/** The hostile change a fuzzed request makes to an otherwise well-formed request of an operation. */
enum Mutation {
    WRONG_TYPE,
    MISSING_FIELD,
    EXTRA_FIELD,
    HUGE_STRING,
    HUGE_BODY,
    DEEP_NESTING,
    INVALID_UTF8,
    HOSTILE_TEXT,
    NUMBER_OVERFLOW,
    NON_POSITIVE_AMOUNT,
    NO_BODY,
    WRONG_CONTENT_TYPE,
    MISSING_AUTH,
    BAD_AUTH,
    NARROW_SCOPE,
    UNKNOWN_ID,
    BAD_PATH_PARAMETER,
    BAD_QUERY_PARAMETER,
    BAD_IDEMPOTENCY_KEY,
    IDEMPOTENCY_KEY_REUSE;

    /** Returns whether this mutation can change a request of {@code operation}. */
    boolean appliesTo(Operation operation) {
        return switch (this) {
            case WRONG_TYPE,
                    MISSING_FIELD,
                    EXTRA_FIELD,
                    HUGE_STRING,
                    HUGE_BODY,
                    DEEP_NESTING,
                    INVALID_UTF8,
                    HOSTILE_TEXT,
                    NUMBER_OVERFLOW,
                    NON_POSITIVE_AMOUNT,
                    NO_BODY,
                    WRONG_CONTENT_TYPE -> operation.hasBody();
            case UNKNOWN_ID, BAD_PATH_PARAMETER -> !operation.in("path").isEmpty();
            case BAD_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSE ->
                operation.method().equals("POST");
            case MISSING_AUTH, BAD_AUTH, NARROW_SCOPE, BAD_QUERY_PARAMETER -> true;
        };
    }
}
