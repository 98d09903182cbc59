package io.openloop.ledger.command.tool;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.Ids;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tool ids kept in the {@code tool_directory} collection, one document per full name with the name as {@code _id}, so
 * that the unique primary key decides between two first publishes on any MongoDB.
 */
@Component
public class MongoToolDirectory implements ToolDirectory {

    static final String COLLECTION = "tool_directory";

    private static final Logger log = LoggerFactory.getLogger(MongoToolDirectory.class);

    private final MongoCollection<Document> entries;

    public MongoToolDirectory(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
    }

    @Override
    public String idFor(String toolName) {
        Optional<String> existing = find(toolName);
        if (existing.isPresent()) {
            return existing.get();
        }

        String toolId = Ids.newId(Ids.TOOL);
        try {
            entries.insertOne(
                    new Document("_id", toolName).append("toolId", toolId).append("claimedAt", new Date()));
            log.info("Claimed tool id {} for tool {}", toolId, toolName);
            return toolId;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        // Another request claimed the name between our read and our insert; its id wins.
        return find(toolName)
                .orElseThrow(() -> new IllegalStateException(
                        "tool directory entry for " + toolName + " vanished after a duplicate-key insert"));
    }

    @Override
    public Optional<String> find(String toolName) {
        Document entry = entries.find(Filters.eq("_id", toolName)).first();
        return entry == null ? Optional.empty() : Optional.of(entry.getString("toolId"));
    }
}
