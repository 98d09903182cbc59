package io.openloop.ledger.messages.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether a key acts for real ({@code live}: guided or autopilot) or only in sandbox mode ({@code test}). The secret's
 * prefix shows it: {@code lk_live_} or {@code lk_test_}.
 */
public enum KeyMode {
    LIVE,
    TEST;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the prefix every secret of this mode starts with. */
    public String secretPrefix() {
        return "lk_" + wireName() + "_";
    }

    /** Parses {@code live} or {@code test}; returns null for anything else. */
    @JsonCreator
    public static KeyMode fromWireName(String name) {
        for (KeyMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return mode;
            }
        }
        return null;
    }
}
