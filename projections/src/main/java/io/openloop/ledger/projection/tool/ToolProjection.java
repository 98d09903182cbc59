package io.openloop.ledger.projection.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.openloop.ledger.messages.tool.SemanticVersion;
import io.openloop.ledger.messages.tool.ToolManifest;
import io.openloop.ledger.messages.tool.ToolVersionDeprecatedEvent;
import io.openloop.ledger.messages.tool.ToolVersionPublishedEvent;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the {@code tools} and {@code tool_versions} read models described in {@link ToolReadModels}.
 *
 * <p>A tool document records in {@code version} the sequence number of the last event applied to it, and an event at
 * or below that version is skipped; version documents are inserted once and deprecation sets a flag. That makes the
 * projection idempotent, so an event delivered again after a crash changes nothing and a replay rebuilds the same
 * documents.
 */
@Component
@ProcessingGroup(ToolProjection.PROCESSING_GROUP)
class ToolProjection {

    static final String PROCESSING_GROUP = "tools";

    private static final Logger log = LoggerFactory.getLogger(ToolProjection.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MongoCollection<Document> tools;
    private final MongoCollection<Document> versions;
    private final ToolDocumentUpdates updates;

    ToolProjection(MongoDatabase database) {
        this.tools = database.getCollection(ToolReadModels.TOOLS);
        this.versions = database.getCollection(ToolReadModels.TOOL_VERSIONS);
        this.updates = new ToolDocumentUpdates(tools);
        tools.createIndexes(List.of(
                new IndexModel(Indexes.ascending("toolName"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("_id", "version"), new IndexOptions().unique(true)),
                new IndexModel(Indexes.ascending("category")),
                new IndexModel(Indexes.ascending("publisherHandle"))));
    }

    @EventHandler
    void on(ToolVersionPublishedEvent event, @SequenceNumber long sequence) {
        ToolManifest manifest = event.manifest();
        String versionKey = SemanticVersion.parse(manifest.version()).key();
        Date publishedAt = Date.from(event.publishedAt());

        insertOnce(versions, versionDocument(event, versionKey));

        Document entry = new Document("version", manifest.version())
                .append("key", versionKey)
                .append("deprecated", false)
                .append("publishedAt", publishedAt);
        if (sequence == 0) {
            Document tool = new Document("_id", event.toolId())
                    .append("toolName", event.toolName())
                    .append("publisherHandle", ToolReadModels.publisherHandle(event.toolName()))
                    .append("publisherLoopId", event.publisherLoopId())
                    .append("versions", List.of(entry))
                    .append("createdAt", publishedAt)
                    .append("version", sequence);
            tool.putAll(listingFields(manifest, publishedAt));
            tool.append("currentVersion", manifest.version());
            insertOnce(tools, tool);
            return;
        }
        updates.apply(event.toolId(), sequence, stored -> {
            List<Document> entries = new ArrayList<>(stored.getList("versions", Document.class));
            entries.add(entry);
            return listingFields(manifest, publishedAt)
                    .append("versions", entries)
                    .append("currentVersion", currentVersion(entries));
        });
    }

    @EventHandler
    void on(ToolVersionDeprecatedEvent event, @SequenceNumber long sequence) {
        Date deprecatedAt = Date.from(event.deprecatedAt());
        versions.updateOne(
                Filters.eq("_id", ToolReadModels.versionId(event.toolId(), event.version())),
                new Document(
                        "$set",
                        new Document("deprecated", true)
                                .append("deprecationReason", event.reason())
                                .append("deprecatedAt", deprecatedAt)));

        updates.apply(event.toolId(), sequence, stored -> {
            List<Document> entries = new ArrayList<>();
            for (Document entry : stored.getList("versions", Document.class)) {
                if (event.version().equals(entry.getString("key"))) {
                    entry = new Document(entry)
                            .append("deprecated", true)
                            .append("deprecationReason", event.reason())
                            .append("deprecatedAt", deprecatedAt);
                }
                entries.add(entry);
            }
            return new Document("versions", entries)
                    .append("currentVersion", currentVersion(entries))
                    .append("updatedAt", deprecatedAt);
        });
    }

    @ResetHandler
    void reset() {
        log.info(
                "Resetting the {} and {} read models before replay",
                ToolReadModels.TOOLS,
                ToolReadModels.TOOL_VERSIONS);
        tools.deleteMany(new Document());
        versions.deleteMany(new Document());
    }

    /** The fields a listing shows, taken from the newest version published. */
    private static Document listingFields(ToolManifest manifest, Date publishedAt) {
        return new Document("name", manifest.name())
                .append("description", manifest.description())
                .append("category", manifest.category())
                .append("riskLevel", manifest.riskLevel().wireName())
                .append("visibility", manifest.visibility().wireName())
                .append("providerType", manifest.providerType())
                .append("price", manifest.price())
                .append("latestVersion", manifest.version())
                .append("updatedAt", publishedAt);
    }

    /** Versions are published in ascending order, so the current one is the last that is not deprecated. */
    private static String currentVersion(List<Document> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (!entries.get(i).getBoolean("deprecated", false)) {
                return entries.get(i).getString("version");
            }
        }
        return null;
    }

    private static Document versionDocument(ToolVersionPublishedEvent event, String versionKey) {
        ToolManifest manifest = event.manifest();
        return new Document("_id", ToolReadModels.versionId(event.toolId(), versionKey))
                .append("toolId", event.toolId())
                .append("toolName", event.toolName())
                .append("publisherLoopId", event.publisherLoopId())
                .append("version", manifest.version())
                .append("name", manifest.name())
                .append("description", manifest.description())
                .append("category", manifest.category())
                .append("riskLevel", manifest.riskLevel().wireName())
                .append("requiresApprovalDefault", manifest.requiresApprovalDefault())
                .append("expectedProofs", manifest.expectedProofs())
                .append("inputSchema", json(manifest.inputSchema()))
                .append("outputSchema", json(manifest.outputSchema()))
                .append("providerType", manifest.providerType())
                .append("visibility", manifest.visibility().wireName())
                .append("price", manifest.price())
                .append("deprecated", false)
                .append("publishedAt", Date.from(event.publishedAt()));
    }

    private static String json(JsonNode schema) {
        if (schema == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written as JSON text", e);
        }
    }

    private static void insertOnce(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            log.debug(
                    "{} is already in {}; skipped",
                    document.get("_id"),
                    collection.getNamespace().getCollectionName());
        }
    }
}
