package io.openloop.ledger.messages.analytics;

import io.openloop.ledger.messages.proof.VerificationLevel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One loop's proofs and subjects by verification level.
 *
 * @param proofs the loop's proofs by their current level; every level V0 to V5 is present
 * @param subjects the tasks and invocations the loop submitted those proofs for. Each counts once, at the highest level
 *     among those proofs, disputed ones included. Every level is present.
 * @param disputedProofs the proofs among {@code proofs} that are disputed
 */
public record LoopVerificationLevels(
        String loopId,
        Map<VerificationLevel, Long> proofs,
        Map<VerificationLevel, Long> subjects,
        long disputedProofs) {

    public LoopVerificationLevels {
        proofs = Collections.unmodifiableMap(new EnumMap<>(proofs));
        subjects = Collections.unmodifiableMap(new EnumMap<>(subjects));
    }
}
