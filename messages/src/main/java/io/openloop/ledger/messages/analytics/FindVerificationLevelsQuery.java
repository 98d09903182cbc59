package io.openloop.ledger.messages.analytics;

import java.time.Instant;
import java.util.List;

/**
 * Counts, per loop, the proofs it submitted in {@code [from, to)} by their current verification level, and the
 * subjects (tasks and invocations) of those proofs by the highest level among them. Returns a {@link
 * VerificationLevelsView}.
 *
 * @param loopIds the submitting loops to include; null for every loop, which only the operator may ask for
 */
public record FindVerificationLevelsQuery(List<String> loopIds, Instant from, Instant to) {

    public FindVerificationLevelsQuery {
        loopIds = loopIds == null ? null : List.copyOf(loopIds);
    }
}
