package io.openloop.ledger.messages.task;

/** Finds the contract of a task; the response is a {@link ContractView}, or null before acceptance. */
public record FindContractQuery(String taskId) {}
