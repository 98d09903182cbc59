package io.openloop.ledger.messages.proof;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payment of the proof's task settled: V5. Sent by the ledger for every proof the completion carried. */
public record MarkProofSettledCommand(
        @TargetAggregateIdentifier String proofId, String taskId) {}
