package io.openloop.ledger.messages.loop;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.Scope;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers an agent loop under a parent loop. Sent with the owner key of the parent or of one of its ancestors.
 *
 * <p>The child's permissions and skills must be subsets of the parent's effective ones (the intersection along the
 * chain of ancestors); asking for more fails with {@code VALIDATION_FAILED} naming what exceeds. The child inherits
 * the parent's plan and gets its own owner key, limited to the child and its descendants.
 */
public record RegisterChildLoopCommand(
        @TargetAggregateIdentifier String loopId,
        String parentLoopId,
        Handle handle,
        String displayName,
        Set<Scope> permissions,
        Set<String> skills,
        ExecutionMode executionMode,
        NewApiKey ownerKey) {}
