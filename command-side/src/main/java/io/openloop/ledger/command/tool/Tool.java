package io.openloop.ledger.command.tool;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.tool.DeprecateToolVersionCommand;
import io.openloop.ledger.messages.tool.PublishToolVersionCommand;
import io.openloop.ledger.messages.tool.SemanticVersion;
import io.openloop.ledger.messages.tool.ToolVersionDeprecatedEvent;
import io.openloop.ledger.messages.tool.ToolVersionPublishedEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A tool: its publisher, full name and versions. Decides that versions only grow in semantic-version order, that the
 * publisher and name never change, and which versions are deprecated.
 *
 * <p>The manifest's fields are checked at the web edge before the command is sent; the aggregate checks only what
 * depends on the tool's history.
 */
@Aggregate
class Tool {

    @AggregateIdentifier
    private String toolId;

    private String publisherLoopId;
    private String toolName;
    private String latestVersion;

    /** Published versions by {@link SemanticVersion#key()}, in publishing order; the value is whether deprecated. */
    private final Map<String, Boolean> deprecatedByVersion = new LinkedHashMap<>();

    Tool() {
        // Required by Axon to create the aggregate and to rebuild it from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(PublishToolVersionCommand command, Clock clock) {
        if (command.manifest() == null) {
            throw ToolErrors.invalidField("manifest", "manifest is missing; send the tool's manifest");
        }
        SemanticVersion version = SemanticVersion.parse(command.manifest().version());
        if (version == null) {
            throw ToolErrors.invalidField(
                    "version", "version " + command.manifest().version() + " is not a semantic version such as 1.0.0");
        }
        if (toolId != null) {
            requireSameTool(command);
            SemanticVersion latest = SemanticVersion.parse(latestVersion);
            if (version.compareTo(latest) <= 0) {
                throw ToolErrors.versionConflict(toolName, version.toString(), latestVersion);
            }
        }

        apply(new ToolVersionPublishedEvent(
                command.toolId(), command.publisherLoopId(), command.toolName(), command.manifest(), clock.instant()));
    }

    @CommandHandler
    void handle(DeprecateToolVersionCommand command, Clock clock) {
        SemanticVersion version = SemanticVersion.parse(command.version());
        Boolean deprecated = version == null ? null : deprecatedByVersion.get(version.key());
        if (deprecated == null) {
            throw ToolErrors.versionNotFound(toolName, command.version());
        }
        if (deprecated) {
            throw new LedgerException(
                    ErrorCode.INVALID_STATE,
                    "version " + command.version() + " of tool " + toolName + " is already deprecated",
                    Map.of("currentState", "deprecated", "version", command.version()));
        }
        String reason = command.reason() == null || command.reason().isBlank()
                ? null
                : command.reason().strip();
        if (reason != null && reason.length() > ToolErrors.MAX_REASON_LENGTH) {
            throw ToolErrors.invalidField(
                    "reason", "reason is longer than " + ToolErrors.MAX_REASON_LENGTH + " characters; shorten it");
        }

        apply(new ToolVersionDeprecatedEvent(toolId, version.key(), reason, clock.instant()));
    }

    private void requireSameTool(PublishToolVersionCommand command) {
        if (!publisherLoopId.equals(command.publisherLoopId())) {
            throw new LedgerException(
                    ErrorCode.INVALID_STATE,
                    "tool " + toolName + " is published by loop " + publisherLoopId
                            + "; only that loop can publish its versions",
                    Map.of("toolId", toolId, "currentState", "published"));
        }
        if (!toolName.equals(command.toolName())) {
            throw ToolErrors.invalidField(
                    "name", "tool " + toolId + " is named " + toolName + ", not " + command.toolName());
        }
    }

    @EventSourcingHandler
    void on(ToolVersionPublishedEvent event) {
        if (toolId == null) {
            toolId = event.toolId();
            publisherLoopId = event.publisherLoopId();
            toolName = event.toolName();
        }
        latestVersion = event.manifest().version();
        deprecatedByVersion.put(SemanticVersion.parse(latestVersion).key(), false);
    }

    @EventSourcingHandler
    void on(ToolVersionDeprecatedEvent event) {
        deprecatedByVersion.put(SemanticVersion.parse(event.version()).key(), true);
    }
}
