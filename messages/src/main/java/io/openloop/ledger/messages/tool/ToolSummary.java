package io.openloop.ledger.messages.tool;

import io.openloop.ledger.messages.RiskLevel;
import java.time.Instant;

/**
 * A tool in a listing, described by its newest published version.
 *
 * @param currentVersion the newest version that is not deprecated, which unpinned invocations run; null when every
 *     version is deprecated
 * @param latestVersion the newest version published, deprecated or not
 */
public record ToolSummary(
        String toolId,
        String toolName,
        String publisherHandle,
        String publisherLoopId,
        String name,
        String description,
        String category,
        RiskLevel riskLevel,
        ToolVisibility visibility,
        String providerType,
        long price,
        String currentVersion,
        String latestVersion,
        Instant updatedAt) {}
