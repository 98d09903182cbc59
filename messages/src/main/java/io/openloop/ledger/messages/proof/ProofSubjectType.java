package io.openloop.ledger.messages.proof;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a proof is about: an invocation or a task. */
public enum ProofSubjectType {
    INVOCATION,
    TASK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code invocation} or {@code task}; returns null for anything else. */
    @JsonCreator
    public static ProofSubjectType fromWireName(String name) {
        for (ProofSubjectType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
