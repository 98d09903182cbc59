package io.openloop.ledger.messages.proof;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks a proof disputed because its task was disputed. The proof keeps its level; marking it twice does nothing. */
public record DisputeProofCommand(@TargetAggregateIdentifier String proofId, String disputedByLoopId, String reason) {}
