package io.openloop.ledger.messages.proof;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The verification levels of a loop's outcomes: for each level, how many of the tasks and invocations whose
 * proofs the loop submitted have that as their highest level.
 *
 * @param outcomesByLevel counts keyed V0 to V5; every level is present
 * @param disputed outcomes with a disputed proof
 */
public record LoopVerificationView(String loopId, Map<VerificationLevel, Long> outcomesByLevel, long disputed) {

    public LoopVerificationView {
        outcomesByLevel = Collections.unmodifiableMap(new EnumMap<>(outcomesByLevel));
    }
}
