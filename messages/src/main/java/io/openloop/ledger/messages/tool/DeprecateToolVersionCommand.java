package io.openloop.ledger.messages.tool;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Marks a published version deprecated: invocations that pin it still run, unpinned ones take the newest version that
 * is not deprecated. Unknown versions get {@code NOT_FOUND}, deprecated ones {@code INVALID_STATE}.
 */
public record DeprecateToolVersionCommand(
        @TargetAggregateIdentifier String toolId, String version, String reason) {}
