package io.openloop.ledger.messages.tool;

/**
 * Lists the tools {@code viewerLoopId} may see, ordered by full name: every marketplace tool, and the private tools of
 * the viewer and its ancestors. The response is a {@link io.openloop.ledger.messages.Page} of {@link ToolSummary}.
 *
 * @param category only tools of this category; null for every category
 * @param publisherHandle only tools of this publisher, such as {@code @acme_dev}; null for every publisher
 * @param afterToolName the full name of the last tool of the previous page; null for the first page
 * @param limit the most entries the page holds, at least 1
 * @param viewerLoopId the calling loop; null for the operator, who sees every tool
 */
public record ListToolsQuery(
        String category, String publisherHandle, String afterToolName, int limit, String viewerLoopId) {}
