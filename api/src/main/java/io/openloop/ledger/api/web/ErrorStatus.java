package io.openloop.ledger.api.web;

import io.openloop.ledger.messages.ErrorCode;
import org.springframework.http.HttpStatus;

/** The one place that maps each error code to its HTTP status. */
final class ErrorStatus {

    private ErrorStatus() {}

    static HttpStatus of(ErrorCode code) {
        return switch (code) {
            case MALFORMED_REQUEST, VALIDATION_FAILED -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case INSUFFICIENT_CREDITS -> HttpStatus.PAYMENT_REQUIRED;
            case INSUFFICIENT_SCOPE, POLICY_DENIED, SANDBOX_ONLY, LOOP_SUSPENDED, BUSINESS_NOT_VERIFIED ->
                HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case HANDLE_TAKEN, VERSION_CONFLICT, INVALID_STATE, CONCURRENT_MODIFICATION -> HttpStatus.CONFLICT;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case IDEMPOTENCY_KEY_REUSED, PROOF_REQUIRED -> HttpStatus.UNPROCESSABLE_ENTITY;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case SERVICE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
