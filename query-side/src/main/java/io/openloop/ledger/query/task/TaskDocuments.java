package io.openloop.ledger.query.task;

import io.openloop.ledger.messages.task.ContractView;
import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.TaskMessageType;
import io.openloop.ledger.messages.task.TaskMessageView;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskPolicy;
import io.openloop.ledger.messages.task.TaskPolicyRule;
import io.openloop.ledger.messages.task.TaskPolicyView;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.messages.task.TaskView;
import io.openloop.ledger.projection.JsonText;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** Reads documents of the task read models into views. */
final class TaskDocuments {

    private TaskDocuments() {}

    static TaskView toTaskView(Document doc) {
        String taskId = doc.getString("_id");
        String resolution = doc.getString("resolution");
        return new TaskView(
                taskId,
                doc.getString("task"),
                doc.getString("requesterLoopId"),
                doc.getString("businessLoopId"),
                TaskState.valueOf(doc.getString("state")),
                JsonText.read(doc.getString("inputs"), "inputs of task " + taskId),
                offer(doc.get("offer", Document.class)),
                toContractView(doc),
                JsonText.read(doc.getString("result"), "result of task " + taskId),
                doc.getList("proofIds", String.class),
                doc.getBoolean("settled", false),
                resolution == null ? null : DisputeResolution.valueOf(resolution),
                doc.getString("reason"),
                instant(doc.getDate("createdAt")),
                instant(doc.getDate("updatedAt")),
                number(doc, "sequence"));
    }

    /** Returns the contract of a task document, or null before acceptance. Its status is the task's state. */
    static ContractView toContractView(Document doc) {
        Document contract = doc.get("contract", Document.class);
        if (contract == null) {
            return null;
        }
        return new ContractView(
                doc.getString("_id"),
                doc.getString("requesterLoopId"),
                doc.getString("businessLoopId"),
                contract.getString("offerId"),
                number(contract, "price"),
                contract.getString("terms"),
                instant(contract.getDate("deadline")),
                TaskState.valueOf(doc.getString("state")),
                contract.getString("holdId"),
                instant(contract.getDate("acceptedAt")),
                (int) number(contract, "amendments"),
                pendingAmendment(contract.get("pendingAmendment", Document.class)));
    }

    static TaskMessageView toMessageView(Document doc) {
        String messageId = doc.getString("_id");
        return new TaskMessageView(
                messageId,
                doc.getString("taskId"),
                TaskMessageType.valueOf(doc.getString("type")),
                doc.getString("fromLoopId"),
                doc.getString("toLoopId"),
                JsonText.read(doc.getString("body"), "body of message " + messageId),
                TaskState.valueOf(doc.getString("stateAfter")),
                number(doc, "sequence"),
                instant(doc.getDate("createdAt")));
    }

    /** Returns the view of {@code loopId}'s task policy. A missing document means the business set none. */
    static TaskPolicyView toPolicyView(String loopId, Document doc) {
        if (doc == null) {
            return new TaskPolicyView(loopId, TaskPolicy.none(), 0, null);
        }
        Map<String, TaskPolicyRule> tasks = new LinkedHashMap<>();
        for (Document task : doc.getList("tasks", Document.class)) {
            String name = task.getString("name");
            String source = "input schema of task " + name + " in the task policy of " + loopId;
            tasks.put(name, new TaskPolicyRule(JsonText.read(task.getString("inputSchema"), source)));
        }
        return new TaskPolicyView(
                loopId,
                new TaskPolicy(tasks, doc.getInteger("minTrustScore")),
                number(doc, "policyVersion"),
                instant(doc.getDate("changedAt")));
    }

    private static TaskOffer offer(Document offer) {
        if (offer == null) {
            return null;
        }
        return new TaskOffer(
                offer.getString("offerId"),
                offer.getString("fromLoopId"),
                number(offer, "price"),
                offer.getString("terms"),
                instant(offer.getDate("expiresAt")),
                instant(offer.getDate("deadline")),
                offer.getBoolean("counter", false),
                instant(offer.getDate("madeAt")));
    }

    private static ContractView.PendingAmendment pendingAmendment(Document amendment) {
        if (amendment == null) {
            return null;
        }
        return new ContractView.PendingAmendment(
                amendment.getString("amendmentId"),
                amendment.getString("proposedByLoopId"),
                amendment.getString("terms"),
                instant(amendment.getDate("deadline")),
                instant(amendment.getDate("proposedAt")));
    }

    /** Reads a whole number stored as a BSON int32 or int64, and 0 for a missing one. */
    private static long number(Document doc, String field) {
        Number value = doc.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
