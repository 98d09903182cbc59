package io.openloop.ledger.messages.loop;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a top-level developer or business loop. Sent by an operator.
 *
 * <p>The loop gets every permission and skill, the plan's execution limits, and the given owner key, which carries
 * every scope including {@code loops:manage}. The handle is claimed for this loop first; a handle held by another loop
 * fails with {@code HANDLE_TAKEN}. Sending the command again for the same loop id is rejected, so a retry never
 * registers twice.
 */
public record RegisterLoopCommand(
        @TargetAggregateIdentifier String loopId,
        Handle handle,
        String displayName,
        LoopKind kind,
        Plan plan,
        NewApiKey ownerKey) {}
