package io.openloop.ledger.command.task;

import java.time.Instant;

/** An amendment one party proposed and the other has not accepted yet; null fields leave the contract's value. */
record PendingAmendment(String amendmentId, String proposedByLoopId, String terms, Instant deadline) {}
