package io.openloop.ledger.messages;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rejection decided by the domain, carrying a stable {@link ErrorCode} and the fields that help a caller act on it
 * (for example {@code currentState} or {@code requiredScope}).
 *
 * <p>Command and query handlers throw it; the web edge turns it into a JSON error with the code's HTTP status. The
 * message names the failing value and, where there is one, the fix. It never contains a secret.
 */
public class LedgerException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> details;

    public LedgerException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public LedgerException(ErrorCode code, String message, Map<String, ?> details) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public ErrorCode code() {
        return code;
    }

    /** Extra fields for the error body, in insertion order. */
    public Map<String, Object> details() {
        return details;
    }
}
