package io.openloop.ledger.messages.trust;

/** Finds a loop's trust score; the response is a {@link TrustScoreView}, 50 with no components for a new loop. */
public record FindTrustScoreQuery(String loopId) {}
