package io.openloop.ledger.messages.proof;

import java.time.Instant;

/** One check recorded on a proof. */
public record ProofVerificationView(
        VerificationMethod method, VerificationLevel level, String verifiedBy, String detail, Instant verifiedAt) {}
