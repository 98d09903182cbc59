package io.openloop.ledger.messages.tool;

import java.time.Instant;

/** A version of a tool was published; the tool's first version also creates it. */
public record ToolVersionPublishedEvent(
        String toolId, String publisherLoopId, String toolName, ToolManifest manifest, Instant publishedAt) {}
