package io.openloop.ledger.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How an action runs: {@code sandbox} simulates it, {@code guided} requires the owner's approval above low risk, and
 * {@code autopilot} runs within the limits of plan, risk, trust and policy.
 */
public enum ExecutionMode {
    SANDBOX,
    GUIDED,
    AUTOPILOT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the modes in which something real happens. */
    public boolean isLive() {
        return this != SANDBOX;
    }

    /** Parses {@code sandbox}, {@code guided} or {@code autopilot}; returns null for anything else. */
    @JsonCreator
    public static ExecutionMode fromWireName(String name) {
        for (ExecutionMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return mode;
            }
        }
        return null;
    }
}
