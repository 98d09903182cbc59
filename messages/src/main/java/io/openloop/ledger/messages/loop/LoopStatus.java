package io.openloop.ledger.messages.loop;

import com.fasterxml.jackson.annotation.JsonCreator;
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

    /** Parses the wire name ({@code active}, {@code suspended}); returns null for anything else. */
    @JsonCreator
    public static LoopStatus fromWireName(String name) {
        for (LoopStatus status : values()) {
            if (status.wireName().equals(name)) {
                return status;
            }
        }
        return null;
    }
}
