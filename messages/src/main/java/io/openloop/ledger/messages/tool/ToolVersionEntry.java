package io.openloop.ledger.messages.tool;

import java.time.Instant;

/**
 * One published version of a tool in the tool's version list.
 *
 * @param deprecatedAt when the version was deprecated; null while it is not
 */
public record ToolVersionEntry(
        String version, boolean deprecated, String deprecationReason, Instant publishedAt, Instant deprecatedAt) {}
