package io.openloop.ledger.messages.proof;

/** Finds the verification counts of a loop; the response is a {@link LoopVerificationView}, zeros when none. */
public record FindLoopVerificationQuery(String loopId) {}
