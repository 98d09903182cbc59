package io.openloop.ledger.messages.trust;

import java.time.Instant;

/**
 * One change of a loop's trust score.
 *
 * @param cause the outcome that changed it, for example {@code settled_task_v5}
 * @param subjectId the task or invocation of that outcome
 */
public record TrustPoint(int score, String cause, String subjectId, Instant at) {}
