package io.openloop.ledger.query.tool;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.tool.SemanticVersion;
import io.openloop.ledger.messages.tool.ToolVersionView;
import io.openloop.ledger.messages.tool.ToolVisibility;
import io.openloop.ledger.projection.loop.LoopReadModels;
import io.openloop.ledger.projection.tool.ToolReadModels;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Reads tools from the tool read models as one viewer sees them: marketplace tools for every loop, private tools only
 * for their publisher and its descendants, every tool for the operator. A tool the viewer may not see is reported as
 * not found, so a caller learns nothing about another tree's private tools.
 */
@Component
public class ToolReader {

    private final MongoCollection<Document> tools;
    private final MongoCollection<Document> versions;
    private final MongoCollection<Document> loops;

    ToolReader(MongoDatabase database) {
        this.tools = database.getCollection(ToolReadModels.TOOLS);
        this.versions = database.getCollection(ToolReadModels.TOOL_VERSIONS);
        this.loops = database.getCollection(LoopReadModels.LOOPS);
    }

    /**
     * Returns the loops whose private tools {@code viewerLoopId} may see: itself and its ancestors. Returns null for
     * the operator ({@code viewerLoopId} null), who sees every tool.
     */
    Set<String> privateScope(String viewerLoopId) {
        if (viewerLoopId == null) {
            return null;
        }
        Set<String> scope = new LinkedHashSet<>();
        scope.add(viewerLoopId);
        Document loop = loops.find(Filters.eq("_id", viewerLoopId)).first();
        if (loop != null) {
            List<String> ancestors = loop.getList("ancestors", String.class);
            if (ancestors != null) {
                scope.addAll(ancestors);
            }
        }
        return scope;
    }

    /** Returns the tool document named {@code toolName} if the viewer may see it, otherwise raises NOT_FOUND. */
    Document visibleTool(String toolName, String viewerLoopId) {
        Document tool = toolName == null
                ? null
                : tools.find(Filters.eq("toolName", toolName)).first();
        if (tool == null || !isVisible(tool, privateScope(viewerLoopId))) {
            throw toolNotFound(toolName);
        }
        return tool;
    }

    static boolean isVisible(Document tool, Set<String> privateScope) {
        if (privateScope == null) {
            return true;
        }
        if (ToolVisibility.MARKETPLACE.wireName().equals(tool.getString("visibility"))) {
            return true;
        }
        return privateScope.contains(tool.getString("publisherLoopId"));
    }

    /**
     * Finds a version of a tool the viewer may see: {@code version} itself (build metadata ignored), or the newest
     * version not deprecated when {@code version} is null.
     *
     * @throws LedgerException NOT_FOUND when the tool or version is missing or hidden from the viewer, or when every
     *     version is deprecated and none was pinned
     */
    public ToolVersionView findVersion(String toolName, String version, String viewerLoopId) {
        Document tool = visibleTool(toolName, viewerLoopId);
        String wanted = version == null ? tool.getString("currentVersion") : version;
        if (wanted == null) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND,
                    "every version of tool " + toolName + " is deprecated; pin a version to run one",
                    Map.of("toolName", toolName));
        }
        SemanticVersion parsed = SemanticVersion.parse(wanted);
        Document found = parsed == null
                ? null
                : versions.find(Filters.eq("_id", ToolReadModels.versionId(tool.getString("_id"), parsed.key())))
                        .first();
        if (found == null) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND,
                    "tool " + toolName + " has no version " + wanted,
                    Map.of("toolName", toolName, "version", wanted));
        }
        return ToolDocuments.toVersionView(found);
    }

    static LedgerException toolNotFound(String toolName) {
        return new LedgerException(
                ErrorCode.NOT_FOUND, "tool " + toolName + " not found", Map.of("toolName", String.valueOf(toolName)));
    }
}
