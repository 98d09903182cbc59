package io.openloop.ledger.messages.analytics;

import java.time.Instant;
import java.util.List;

/**
 * Verification levels by loop for a period.
 *
 * @param from the start of the period, inclusive, in which proofs were attached
 * @param to the end of the period, exclusive
 * @param loops one entry per loop that submitted a proof in the period, sorted by loop id
 */
public record VerificationLevelsView(Instant from, Instant to, List<LoopVerificationLevels> loops) {

    public VerificationLevelsView {
        loops = loops == null ? List.of() : List.copyOf(loops);
    }
}
