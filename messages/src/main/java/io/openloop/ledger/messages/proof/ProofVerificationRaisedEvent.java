package io.openloop.ledger.messages.proof;

import java.time.Instant;

/**
 * A check succeeded on a proof. Levels never drop: {@code level} is the higher of the level before and the method's
 * level, so a confirmation that arrives after settlement is recorded without lowering anything.
 *
 * @param verifiedBy the loop that confirmed, the verifier id that signed, or {@code platform}
 * @param detail what was compared or signed, for the audit trail
 */
public record ProofVerificationRaisedEvent(
        String proofId,
        ProofSubjectType subjectType,
        String subjectId,
        String submittedByLoopId,
        VerificationMethod method,
        VerificationLevel previousLevel,
        VerificationLevel level,
        String verifiedBy,
        String detail,
        Instant verifiedAt) {}
