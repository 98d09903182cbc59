package io.openloop.ledger.messages.task;

/** Finds one task; the response is a {@link TaskView}, or null when no such task is projected. */
public record FindTaskQuery(String taskId) {}
