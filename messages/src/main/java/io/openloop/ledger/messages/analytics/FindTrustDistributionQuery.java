package io.openloop.ledger.messages.analytics;

import java.time.Instant;
import java.util.List;

/**
 * Counts loops by their current trust score in buckets ten points wide. The loops are those given that were
 * registered in {@code [from, to)}; a loop with no trust history counts at 50. Returns a {@link
 * TrustDistributionView}.
 *
 * @param loopIds the loops to include; null for every loop, which only the operator may ask for
 * @param from the earliest registration time, or null for no lower bound
 */
public record FindTrustDistributionQuery(List<String> loopIds, Instant from, Instant to) {

    public FindTrustDistributionQuery {
        loopIds = loopIds == null ? null : List.copyOf(loopIds);
    }
}
