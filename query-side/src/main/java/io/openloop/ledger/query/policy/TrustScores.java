package io.openloop.ledger.query.policy;

/** The source of loops' trust scores, 0-100, that autopilot decisions read. */
public interface TrustScores {

    /** Returns the trust score of {@code loopId}; a loop with no history has 50. */
    int scoreOf(String loopId);
}
