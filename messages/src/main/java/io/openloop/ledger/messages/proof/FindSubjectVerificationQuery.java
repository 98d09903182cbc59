package io.openloop.ledger.messages.proof;

/** Finds the proofs of a task or invocation; the response is a {@link SubjectVerificationView}, empty when none. */
public record FindSubjectVerificationQuery(ProofSubjectType subjectType, String subjectId) {}
