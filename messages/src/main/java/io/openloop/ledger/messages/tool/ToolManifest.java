package io.openloop.ledger.messages.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.messages.RiskLevel;
import java.util.List;

/**
 * One version of a tool as its publisher describes it. The web edge checks the fields before the command is sent;
 * the schemas are JSON Schema documents (draft 2020-12).
 *
 * @param name the tool's name within its publisher, 3-64 characters of {@code a-z 0-9 _}
 * @param category the domain the tool acts in, in the vocabulary policy uses (for example {@code sales_revenue_ops})
 * @param expectedProofs the proof kinds every successful result must carry, such as {@code source_url}
 * @param version a semantic version, greater than every earlier version of the tool
 * @param price credits charged per successful invocation; 0 for a free tool
 */
public record ToolManifest(
        String name,
        String description,
        String category,
        RiskLevel riskLevel,
        boolean requiresApprovalDefault,
        List<String> expectedProofs,
        JsonNode inputSchema,
        JsonNode outputSchema,
        String providerType,
        ToolVisibility visibility,
        String version,
        long price) {

    public ToolManifest {
        expectedProofs = expectedProofs == null ? List.of() : List.copyOf(expectedProofs);
    }
}
