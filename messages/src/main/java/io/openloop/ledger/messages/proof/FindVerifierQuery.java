package io.openloop.ledger.messages.proof;

/** Finds a verifier; the response is a {@link VerifierView}, or null when none has that id. */
public record FindVerifierQuery(String verifierId) {}
