package io.openloop.ledger.messages.tool;

/**
 * Finds a tool by its full name, {@code @publisher/name}, with every published version, as seen by {@code
 * viewerLoopId}. The response is a {@link ToolDetails}, or {@code NOT_FOUND} when the tool does not exist or is private
 * to another publisher's tree.
 *
 * @param viewerLoopId the calling loop; null for the operator, who sees every tool
 */
public record FindToolQuery(String toolName, String viewerLoopId) {}
