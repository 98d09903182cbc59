package io.openloop.ledger.messages.tool;

import java.util.List;

/**
 * A tool with every version it has published.
 *
 * @param versions the versions in publishing order, which is ascending version order
 */
public record ToolDetails(ToolSummary tool, List<ToolVersionEntry> versions) {

    public ToolDetails {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }
}
