package io.openloop.ledger.projection.task;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.openloop.ledger.messages.task.TaskPolicy;
import io.openloop.ledger.messages.task.TaskPolicyChangedEvent;
import io.openloop.ledger.messages.task.TaskPolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Keeps {@value TaskReadModels#TASK_POLICIES}: a business's document is replaced only by a higher policy version, so
 * a redelivered change, or an older one handled late, leaves the newest policy in place.
 */
final class TaskPolicies {

    private final MongoCollection<Document> policies;

    TaskPolicies(MongoCollection<Document> policies) {
        this.policies = policies;
    }

    void replace(TaskPolicyChangedEvent event) {
        Document stored = policies.find(Filters.eq("_id", event.loopId())).first();
        if (stored != null && stored.get("policyVersion", Number.class).longValue() >= event.policyVersion()) {
            return;
        }
        TaskPolicy policy = event.policy() == null ? TaskPolicy.none() : event.policy();
        List<Document> tasks = new ArrayList<>();
        for (Map.Entry<String, TaskPolicyRule> entry : policy.tasks().entrySet()) {
            TaskPolicyRule rule = entry.getValue();
            tasks.add(new Document("name", entry.getKey())
                    .append("inputSchema", rule == null ? null : TaskFields.json(rule.inputSchema())));
        }
        Document document = new Document("_id", event.loopId())
                .append("policyVersion", event.policyVersion())
                .append("tasks", tasks)
                .append("minTrustScore", policy.minTrustScore())
                .append("changedAt", TaskFields.date(event.changedAt()));
        policies.replaceOne(Filters.eq("_id", event.loopId()), document, new ReplaceOptions().upsert(true));
    }

    void clear() {
        policies.deleteMany(new Document());
    }
}
