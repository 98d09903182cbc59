package io.openloop.ledger.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How much harm an action can do, in rising order: {@code low}, {@code medium}, {@code high}, {@code critical}. A
 * critical action never runs in autopilot.
 */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this level is the same as {@code other} or above it. */
    public boolean atLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }

    /** Parses {@code low}, {@code medium}, {@code high} or {@code critical}; returns null for anything else. */
    @JsonCreator
    public static RiskLevel fromWireName(String name) {
        for (RiskLevel level : values()) {
            if (level.wireName().equals(name)) {
                return level;
            }
        }
        return null;
    }
}
