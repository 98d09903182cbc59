package io.openloop.ledger.messages.trust;

import java.time.Instant;
import java.util.List;

/**
 * A loop's trust score with the components that explain it and its recent history.
 *
 * @param halfLifeDays the age at which an outcome counts half
 * @param asOf the time of the last event the score reflects; decay is computed to that time
 * @param history the latest changes, newest last, at most 100
 */
public record TrustScoreView(
        String loopId,
        int score,
        TrustComponents components,
        double halfLifeDays,
        Instant asOf,
        List<TrustPoint> history) {

    public TrustScoreView {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
