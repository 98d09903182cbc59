package io.openloop.ledger.messages.loop;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kind of a loop: a developer's own loop, a business identity, or an agent working under a parent loop. */
public enum LoopKind {
    DEVELOPER,
    BUSINESS,
    AGENT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name ({@code developer}, {@code business}, {@code agent}); returns null for anything else. */
    @JsonCreator
    public static LoopKind fromWireName(String name) {
        for (LoopKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
