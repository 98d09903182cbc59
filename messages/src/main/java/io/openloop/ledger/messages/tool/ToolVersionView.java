package io.openloop.ledger.messages.tool;

import java.time.Instant;

/** One published version of a tool, with the full manifest, as the tool read model stores it. */
public record ToolVersionView(
        String toolId,
        String toolName,
        String publisherLoopId,
        ToolManifest manifest,
        boolean deprecated,
        Instant publishedAt) {}
