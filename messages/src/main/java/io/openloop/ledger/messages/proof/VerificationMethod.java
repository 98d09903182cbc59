package io.openloop.ledger.messages.proof;

/**
 * The check behind a verification level: {@link #EVIDENCE} (V1, content, hash and time of an expected kind), {@link
 * #PLATFORM_RECORDS} (V2, the platform's own records agree), {@link #COUNTERPARTY_CONFIRMATION} (V3, the task's other
 * party confirmed), {@link #VERIFIER_SIGNATURE} (V4, a registered verifier signed the proof's digest) and {@link
 * #SETTLEMENT} (V5, the ledger settled the task's payment).
 */
public enum VerificationMethod {
    EVIDENCE(VerificationLevel.V1),
    PLATFORM_RECORDS(VerificationLevel.V2),
    COUNTERPARTY_CONFIRMATION(VerificationLevel.V3),
    VERIFIER_SIGNATURE(VerificationLevel.V4),
    SETTLEMENT(VerificationLevel.V5);

    private final VerificationLevel level;

    VerificationMethod(VerificationLevel level) {
        this.level = level;
    }

    /** Returns the level this check justifies. */
    public VerificationLevel level() {
        return level;
    }
}
