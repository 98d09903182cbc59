package io.openloop.ledger.messages.tool;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who sees a tool: {@code marketplace} tools are listed for every loop; {@code private} tools only for their publisher
 * and its descendants.
 */
public enum ToolVisibility {
    MARKETPLACE,
    PRIVATE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code marketplace} or {@code private}; returns null for anything else. */
    @JsonCreator
    public static ToolVisibility fromWireName(String name) {
        for (ToolVisibility visibility : values()) {
            if (visibility.wireName().equals(name)) {
                return visibility;
            }
        }
        return null;
    }
}
