package io.openloop.ledger.messages.loop;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether a loop may act. A suspended loop and all its descendants are rejected with {@code LOOP_SUSPENDED}. */
public enum LoopStatus {
    ACTIVE,
    SUSPENDED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
