package io.openloop.ledger.projection.trust;

import java.time.Instant;

/**
 * One outcome that counts towards a loop's trust score.
 *
 * @param kind what happened, for example {@code settled_task}; a loop has at most one outcome of a kind per subject
 * @param cause the name the score's contributions and history use, for example {@code settled_task_v5}
 * @param weight positive for a success, negative for a failure, before decay
 * @param at when it happened; its age is measured from here
 */
record TrustOutcome(String kind, String subjectId, String cause, double weight, Instant at) {

    String key() {
        return key(kind, subjectId);
    }

    static String key(String kind, String subjectId) {
        return kind + ":" + subjectId;
    }
}
