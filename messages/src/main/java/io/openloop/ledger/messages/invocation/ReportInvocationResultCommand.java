package io.openloop.ledger.messages.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The tool's publisher reports how a pending invocation ended. The output is already valid against the version's
 * output schema and the proofs are already attached. Rejected with {@code INVALID_STATE} and the {@code currentState}
 * unless the invocation is {@code PENDING}, and with {@code NOT_FOUND} when {@code reporterLoopId} is not the tool's
 * publisher.
 *
 * @param charged credits to charge on success, from 0 up to the estimate; ignored on failure and in sandbox
 * @param proofIds the proofs attached for this result
 */
public record ReportInvocationResultCommand(
        @TargetAggregateIdentifier String invocationId,
        String reporterLoopId,
        boolean succeeded,
        JsonNode output,
        String error,
        long charged,
        List<String> proofIds) {

    public ReportInvocationResultCommand {
        proofIds = proofIds == null ? List.of() : List.copyOf(proofIds);
    }
}
