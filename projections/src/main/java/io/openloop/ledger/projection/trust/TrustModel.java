package io.openloop.ledger.projection.trust;

import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.trust.TrustComponents;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes a trust score from a loop's outcomes: a Beta reputation with {@code alpha = 1 + positive} and {@code beta =
 * 1 + negative}, the score {@code round(100 * alpha / (alpha + beta))}. Each outcome's weight is multiplied by
 * {@code 0.5^(age / half-life)}, its age measured to the time of the loop's last outcome change, so the score is a
 * pure function of the outcomes and that time.
 */
public final class TrustModel {

    /** The age at which an outcome counts half. */
    public static final double HALF_LIFE_DAYS = 90;

    private static final double HALF_LIFE_MILLIS =
            HALF_LIFE_DAYS * Duration.ofDays(1).toMillis();

    private TrustModel() {}

    /** Returns the components of a loop with no outcomes: alpha and beta 1, which score 50. */
    public static TrustComponents noHistory() {
        return new TrustComponents(1, 1, 0, 0, Map.of(), 0);
    }

    /** Returns {@code round(100 * alpha / (alpha + beta))}. */
    public static int score(TrustComponents components) {
        return (int) Math.round(100 * components.alpha() / (components.alpha() + components.beta()));
    }

    /**
     * Returns the weight of a success whose subject's proofs reached {@code level}: V0 0.2, V1 0.4, V2 0.6, V3 0.8, V4
     * 0.9 and V5 1.0.
     */
    static double levelWeight(VerificationLevel level) {
        return switch (level) {
            case V0 -> 0.2;
            case V1 -> 0.4;
            case V2 -> 0.6;
            case V3 -> 0.8;
            case V4 -> 0.9;
            case V5 -> 1.0;
        };
    }

    /** Returns the factor that decays an outcome from {@code at} to {@code asOf}; 1 when it is not older. */
    static double decay(Instant at, Instant asOf) {
        long ageMillis = Math.max(0, Duration.between(at, asOf).toMillis());
        return Math.pow(0.5, ageMillis / HALF_LIFE_MILLIS);
    }

    /**
     * Computes the components of {@code outcomes} decayed to {@code asOf}. Contributions are signed: negative causes
     * contribute negative amounts. Outcomes are summed in the order given, so callers pass a sorted collection to get
     * the same floating-point sums on every replay.
     */
    static TrustComponents components(Iterable<TrustOutcome> outcomes, Instant asOf) {
        double positive = 0;
        double negative = 0;
        long count = 0;
        Map<String, Double> contributions = new TreeMap<>();
        for (TrustOutcome outcome : outcomes) {
            double decayed = outcome.weight() * decay(outcome.at(), asOf);
            if (decayed >= 0) {
                positive += decayed;
            } else {
                negative -= decayed;
            }
            contributions.merge(outcome.cause(), decayed, Double::sum);
            count++;
        }
        return new TrustComponents(1 + positive, 1 + negative, positive, negative, contributions, count);
    }
}
