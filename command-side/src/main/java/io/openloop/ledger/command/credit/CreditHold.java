package io.openloop.ledger.command.credit;

import java.time.Instant;

/**
 * A hold of a {@link CreditAccount}, kept after it is resolved so that a second resolution is rejected with its state.
 *
 * @param scheduleId the id of its expiry deadline, or null until {@code HoldExpiryScheduledEvent} records it
 */
record CreditHold(String holdId, long amount, String subjectId, Instant expiresAt, HoldState state, String scheduleId) {

    boolean isOpen() {
        return state == HoldState.OPEN;
    }

    CreditHold withState(HoldState newState) {
        return new CreditHold(holdId, amount, subjectId, expiresAt, newState, scheduleId);
    }

    CreditHold withScheduleId(String newScheduleId) {
        return new CreditHold(holdId, amount, subjectId, expiresAt, state, newScheduleId);
    }
}
