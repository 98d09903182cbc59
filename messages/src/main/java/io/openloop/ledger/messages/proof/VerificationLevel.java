package io.openloop.ledger.messages.proof;

/**
 * How far a proof has been verified, from V0 (claimed by the submitting loop, nothing attached) to V5 (the ledger
 * recorded settlement of the task's payment). Levels only rise.
 */
public enum VerificationLevel {
    V0,
    V1,
    V2,
    V3,
    V4,
    V5
}
