package io.openloop.ledger.messages.task;

/** The two sides of a task: the loop that requested it and the business loop it was sent to. */
public enum TaskParty {
    REQUESTER,
    BUSINESS
}
