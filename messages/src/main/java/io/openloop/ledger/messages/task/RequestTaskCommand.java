package io.openloop.ledger.messages.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a task with a {@code TASK_REQUEST}. The sender checked beforehand that the business exists, is verified and
 * is not suspended, and evaluated its task policy; a rejecting {@code decision} records the request and its rejection
 * together, so the task starts {@code REJECTED}.
 *
 * @param task the kind of task, a lower-case name such as {@code quote_request}
 * @param inputs the task's data, a JSON object
 * @param keyId the key that sent the request, for the audit trail
 */
public record RequestTaskCommand(
        @TargetAggregateIdentifier String taskId,
        String messageId,
        String requesterLoopId,
        String businessLoopId,
        String keyId,
        String task,
        JsonNode inputs,
        TaskPolicyDecision decision) {}
