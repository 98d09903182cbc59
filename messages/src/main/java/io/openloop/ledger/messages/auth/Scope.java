package io.openloop.ledger.messages.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A permission an API key can carry, written as {@code area:action} on the wire (for example {@code aap:send}).
 *
 * <p>A key's scopes are a subset of its loop's effective permissions, checked each time the key is used.
 */
public enum Scope {
    AAP_SEND("aap:send"),
    AAP_READ("aap:read"),
    TOOLS_INVOKE("tools:invoke"),
    TOOLS_PUBLISH("tools:publish"),
    PROOF_CREATE("proof:create"),
    TRUST_READ("trust:read"),
    POLICY_EVALUATE("policy:evaluate"),
    CONTRACT_READ("contract:read"),
    CONTRACT_WRITE("contract:write"),
    CREDITS_READ("credits:read"),
    AUDIT_READ("audit:read"),
    LOOPS_MANAGE("loops:manage");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name such as {@code tools:invoke}; returns null for anything else. */
    @JsonCreator
    public static Scope fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName.equals(name)) {
                return scope;
            }
        }
        return null;
    }

    /** Returns every scope: those of an owner key and of a top-level loop. */
    public static Set<Scope> all() {
        return Collections.unmodifiableSet(EnumSet.allOf(Scope.class));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
