package io.openloop.ledger.api.tool;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.projection.tool.ToolReadModels;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Waits, after a tool command, until the tool read model shows its effect, so the caller's next listing or lookup
 * observes it. If the wait times out, the command still takes effect, and the change shows within the projection's lag.
 */
@Component
class ToolReadModelWaits {

    private static final Logger log = LoggerFactory.getLogger(ToolReadModelWaits.class);
    private static final long POLL_MILLIS = 10;

    private final MongoCollection<Document> tools;
    private final Duration timeout;

    ToolReadModelWaits(MongoDatabase database, @Value("${openloop.api.read-model-wait:5s}") Duration timeout) {
        this.tools = database.getCollection(ToolReadModels.TOOLS);
        this.timeout = timeout;
    }

    void versionPublished(String toolId, String versionKey) {
        await(toolId, versionKey, false);
    }

    void versionDeprecated(String toolId, String versionKey) {
        await(toolId, versionKey, true);
    }

    private void await(String toolId, String versionKey, boolean deprecated) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!shows(toolId, versionKey, deprecated)) {
            if (System.nanoTime() > deadline) {
                log.warn(
                        "Tool read model did not show version {} of tool {} within {}; it will show within the"
                                + " projection lag",
                        versionKey,
                        toolId,
                        timeout);
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean shows(String toolId, String versionKey, boolean deprecated) {
        Document tool = tools.find(Filters.eq("_id", toolId)).first();
        if (tool == null) {
            return false;
        }
        List<Document> versions = tool.getList("versions", Document.class, List.of());
        return versions.stream()
                .anyMatch(entry -> versionKey.equals(entry.getString("key"))
                        && (!deprecated || entry.getBoolean("deprecated", false)));
    }
}
