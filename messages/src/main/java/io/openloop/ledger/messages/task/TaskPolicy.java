package io.openloop.ledger.messages.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The task requests a business accepts. A request for a kind of task not in {@code tasks}, from a requester whose trust
 * score is below {@code minTrustScore}, or with inputs outside the kind's constraints ends {@code REJECTED} with the
 * reason. A business that set no policy receives every request and replies to each itself.
 *
 * @param tasks the accepted kinds of task, by name, with their input constraints
 * @param minTrustScore the lowest requester trust score accepted, 0 to 100; null for any
 */
public record TaskPolicy(Map<String, TaskPolicyRule> tasks, Integer minTrustScore) {

    public TaskPolicy {
        tasks = tasks == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
    }

    /** Returns the policy of a business that set none: every request is received. */
    public static TaskPolicy none() {
        return new TaskPolicy(null, null);
    }

    /** True when the business declared no rule at all. */
    public boolean acceptsEverything() {
        return tasks.isEmpty() && minTrustScore == null;
    }
}
