package io.openloop.ledger.messages.loop;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A loop's plan: the credits granted when its account opens and the requests per minute allowed for each key.
 *
 * <p>Autopilot limits by risk are decided by policy, which reads {@link #name()}.
 */
public enum Plan {
    FREE(1_000, 60),
    PRO(10_000, 600),
    ENTERPRISE(100_000, 6_000);

    private final long openingGrant;
    private final int requestsPerMinute;

    Plan(long openingGrant, int requestsPerMinute) {
        this.openingGrant = openingGrant;
        this.requestsPerMinute = requestsPerMinute;
    }

    /** Credits granted to a developer or business loop's account when it opens. */
    public long openingGrant() {
        return openingGrant;
    }

    /** Requests per minute allowed for each API key of a loop on this plan. */
    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire name ({@code free}, {@code pro}, {@code enterprise}); returns null for anything else. */
    @JsonCreator
    public static Plan fromWireName(String name) {
        for (Plan plan : values()) {
            if (plan.wireName().equals(name)) {
                return plan;
            }
        }
        return null;
    }
}
