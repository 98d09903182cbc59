package io.openloop.ledger.messages.task;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The business's {@code TASK_COMPLETE} with proof. The sender attached the proofs first; the settlement then captures
 * the held price and pays it to the business. Rejected with {@code PROOF_REQUIRED} when {@code proofIds} is empty.
 *
 * @param result what the business delivered; may be null
 */
public record CompleteTaskCommand(
        @TargetAggregateIdentifier String taskId,
        String messageId,
        String senderLoopId,
        JsonNode result,
        List<String> proofIds) {

    public CompleteTaskCommand {
        proofIds = proofIds == null ? List.of() : List.copyOf(proofIds);
    }
}
