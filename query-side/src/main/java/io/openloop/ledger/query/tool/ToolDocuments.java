package io.openloop.ledger.query.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.tool.ToolManifest;
import io.openloop.ledger.messages.tool.ToolSummary;
import io.openloop.ledger.messages.tool.ToolVersionEntry;
import io.openloop.ledger.messages.tool.ToolVersionView;
import io.openloop.ledger.messages.tool.ToolVisibility;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Reads the documents of the tool read models into the query responses. */
final class ToolDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolDocuments() {}

    static ToolSummary toSummary(Document tool) {
        return new ToolSummary(
                tool.getString("_id"),
                tool.getString("toolName"),
                tool.getString("publisherHandle"),
                tool.getString("publisherLoopId"),
                tool.getString("name"),
                tool.getString("description"),
                tool.getString("category"),
                RiskLevel.fromWireName(tool.getString("riskLevel")),
                ToolVisibility.fromWireName(tool.getString("visibility")),
                tool.getString("providerType"),
                number(tool, "price"),
                tool.getString("currentVersion"),
                tool.getString("latestVersion"),
                instant(tool.getDate("updatedAt")));
    }

    static List<ToolVersionEntry> toEntries(Document tool) {
        return tool.getList("versions", Document.class).stream()
                .map(entry -> new ToolVersionEntry(
                        entry.getString("version"),
                        entry.getBoolean("deprecated", false),
                        entry.getString("deprecationReason"),
                        instant(entry.getDate("publishedAt")),
                        instant(entry.getDate("deprecatedAt"))))
                .toList();
    }

    static ToolVersionView toVersionView(Document version) {
        ToolManifest manifest = new ToolManifest(
                version.getString("name"),
                version.getString("description"),
                version.getString("category"),
                RiskLevel.fromWireName(version.getString("riskLevel")),
                version.getBoolean("requiresApprovalDefault", false),
                version.getList("expectedProofs", String.class),
                json(version.getString("inputSchema")),
                json(version.getString("outputSchema")),
                version.getString("providerType"),
                ToolVisibility.fromWireName(version.getString("visibility")),
                version.getString("version"),
                number(version, "price"));
        return new ToolVersionView(
                version.getString("toolId"),
                version.getString("toolName"),
                version.getString("publisherLoopId"),
                manifest,
                version.getBoolean("deprecated", false),
                instant(version.getDate("publishedAt")));
    }

    private static long number(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schema stored in the tool read model is not JSON", e);
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
