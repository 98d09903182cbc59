package io.openloop.ledger.messages.proof;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The task's other party confirms a proof: V3. The sender checked that {@code confirmedByLoopId} is a party of the
 * proof's task; the proof rejects a confirmation by its own submitter with {@code INVALID_STATE}, and one for an
 * invocation's proof too.
 */
public record ConfirmProofCommand(@TargetAggregateIdentifier String proofId, String confirmedByLoopId, String note) {}
