package io.openloop.ledger.messages;

/**
 * Stable, machine-readable error codes shared by the domain and the HTTP API.
 *
 * <p>The web edge maps each code to one HTTP status; clients branch on the code, never on the message text.
 */
public enum ErrorCode {
    MALFORMED_REQUEST,
    VALIDATION_FAILED,
    UNAUTHENTICATED,
    INSUFFICIENT_CREDITS,
    INSUFFICIENT_SCOPE,
    POLICY_DENIED,
    SANDBOX_ONLY,
    LOOP_SUSPENDED,
    BUSINESS_NOT_VERIFIED,
    NOT_FOUND,
    HANDLE_TAKEN,
    VERSION_CONFLICT,
    INVALID_STATE,
    CONCURRENT_MODIFICATION,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    IDEMPOTENCY_KEY_REUSED,
    PROOF_REQUIRED,
    RATE_LIMITED,
    SERVICE_UNAVAILABLE,
    INTERNAL_ERROR
}
