package io.openloop.ledger.command.credit;

/** Where a hold is in its life: open until it is resolved, once, by a capture, a release or its expiry. */
enum HoldState {
    OPEN,
    CAPTURED,
    RELEASED,
    EXPIRED
}
