package io.openloop.ledger.messages.tool;

import java.time.Instant;

/** A version of a tool was deprecated. */
public record ToolVersionDeprecatedEvent(String toolId, String version, String reason, Instant deprecatedAt) {}
