package io.openloop.ledger.messages.analytics;

import java.time.Instant;
import java.util.List;

/**
 * Loops by trust score.
 *
 * @param from the earliest registration time counted, or null for no lower bound
 * @param to the registration time before which loops are counted
 * @param loops the loops counted, the sum over the buckets
 * @param buckets the ten buckets 0-10, 10-20, ..., 90-100 in that order, each present even when empty
 */
public record TrustDistributionView(Instant from, Instant to, long loops, List<TrustBucket> buckets) {

    public TrustDistributionView {
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }
}
