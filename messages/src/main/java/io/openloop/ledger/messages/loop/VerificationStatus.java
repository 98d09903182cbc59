package io.openloop.ledger.messages.loop;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The state of a business loop's identity verification. Other kinds of loop stay {@link #NOT_APPLICABLE}. */
public enum VerificationStatus {
    NOT_APPLICABLE,
    UNSUBMITTED,
    PENDING,
    VERIFIED,
    REJECTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
