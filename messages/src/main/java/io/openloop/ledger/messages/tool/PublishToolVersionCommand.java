package io.openloop.ledger.messages.tool;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Publishes a version of a tool, creating the tool on its first version. Rejected with {@code VERSION_CONFLICT} when
 * the version is not greater than the tool's last one.
 *
 * @param toolName the full name, {@code @publisher/name}
 */
public record PublishToolVersionCommand(
        @TargetAggregateIdentifier String toolId, String publisherLoopId, String toolName, ToolManifest manifest) {}
