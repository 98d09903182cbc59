package io.openloop.ledger.messages.analytics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The grouping of invocation figures: by tool id, by domain (the {@code category} of the tool version's manifest), or
 * by day ({@code yyyy-MM-dd} in UTC of the time the invocation was requested).
 */
public enum InvocationGrouping {
    TOOL,
    DOMAIN,
    DAY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code tool}, {@code domain} or {@code day}; returns null for anything else. */
    @JsonCreator
    public static InvocationGrouping fromWireName(String name) {
        for (InvocationGrouping grouping : values()) {
            if (grouping.wireName().equals(name)) {
                return grouping;
            }
        }
        return null;
    }
}
