package io.openloop.ledger.messages.loop;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a top-level developer or business loop. Sent by an operator.
 *
 * <p>The handle must already be folded (see {@link Handle}) and is claimed for this loop before the loop exists; a
 * handle held by another loop fails with {@code HANDLE_TAKEN}. Sending the same command again for the same loop id
 * is rejected with {@code INVALID_STATE}, so a retry never registers twice.
 */
public record RegisterLoopCommand(
        @TargetAggregateIdentifier String loopId, Handle handle, String displayName, LoopKind kind, Plan plan) {}
