package io.openloop.ledger.messages.tool;

/**
 * Finds the version of a tool that an invocation would run, as seen by {@code viewerLoopId}: the pinned version, or
 * the newest one not deprecated when {@code version} is null. Answered with a {@link ToolVersionView}, or {@code
 * NOT_FOUND} when the tool or version does not exist or is private to another publisher's tree.
 *
 * @param viewerLoopId the calling loop; null for the operator, who sees every tool
 */
public record FindToolVersionQuery(String toolName, String version, String viewerLoopId) {}
