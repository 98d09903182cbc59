package io.openloop.ledger.messages.trust;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts a trust score is computed from, each already decayed by age. The score is {@code 100 * alpha / (alpha +
 * beta)}, rounded, with {@code alpha = 1 + positive} and {@code beta = 1 + negative}: a Beta reputation that starts at
 * 50.
 *
 * @param positive the weighted sum of successful outcomes, each weighted by its verification level
 * @param negative the weighted sum of failures, refunded disputes, expired offers and policy denials
 * @param contributions each kind of outcome's share, for example {@code settled_task_v5} or {@code policy_denial},
 *     keyed by kind, so the score explains itself
 * @param outcomes how many outcomes count, before decay
 */
public record TrustComponents(
        double alpha, double beta, double positive, double negative, Map<String, Double> contributions, long outcomes) {

    public TrustComponents {
        contributions = Collections.unmodifiableMap(new TreeMap<>(contributions));
    }
}
