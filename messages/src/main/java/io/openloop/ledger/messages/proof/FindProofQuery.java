package io.openloop.ledger.messages.proof;

/** Finds a proof; the response is a {@link ProofView}, or null when none is projected with that id. */
public record FindProofQuery(String proofId) {}
