package io.openloop.ledger.projection.task;

import static io.openloop.ledger.projection.task.TaskEvents.BUSINESS;
import static io.openloop.ledger.projection.task.TaskEvents.HOLD;
import static io.openloop.ledger.projection.task.TaskEvents.INPUTS;
import static io.openloop.ledger.projection.task.TaskEvents.REQUESTER;
import static io.openloop.ledger.projection.task.TaskEvents.RESULT;
import static io.openloop.ledger.projection.task.TaskEvents.T0;
import static io.openloop.ledger.projection.task.TaskEvents.TASK;
import static io.openloop.ledger.projection.task.TaskEvents.accepted;
import static io.openloop.ledger.projection.task.TaskEvents.amended;
import static io.openloop.ledger.projection.task.TaskEvents.amendmentProposed;
import static io.openloop.ledger.projection.task.TaskEvents.at;
import static io.openloop.ledger.projection.task.TaskEvents.completed;
import static io.openloop.ledger.projection.task.TaskEvents.disputed;
import static io.openloop.ledger.projection.task.TaskEvents.msg;
import static io.openloop.ledger.projection.task.TaskEvents.offer;
import static io.openloop.ledger.projection.task.TaskEvents.offerMade;
import static io.openloop.ledger.projection.task.TaskEvents.requested;
import static io.openloop.ledger.projection.task.TaskEvents.settled;
import static io.openloop.ledger.projection.task.TaskEvents.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.DisputeResolvedEvent;
import io.openloop.ledger.messages.task.OfferDeclinedEvent;
import io.openloop.ledger.messages.task.TaskCancelledEvent;
import io.openloop.ledger.messages.task.TaskExpiredEvent;
import io.openloop.ledger.messages.task.TaskFailedEvent;
import io.openloop.ledger.messages.task.TaskInputRequestedEvent;
import io.openloop.ledger.messages.task.TaskPolicy;
import io.openloop.ledger.messages.task.TaskPolicyChangedEvent;
import io.openloop.ledger.messages.task.TaskPolicyDecision;
import io.openloop.ledger.messages.task.TaskPolicyRule;
import io.openloop.ledger.messages.task.TaskRejectedEvent;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.projection.JsonText;
import io.openloop.ledger.projection.MemoryMongo;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The task read models, built by calling the projection as a plain object against the in-process store. */
class TaskProjectionTest {

    private static MemoryMongo mongo;
    private static int databases;

    private TaskProjection projection;
    private MongoCollection<Document> tasks;
    private MongoCollection<Document> messages;
    private MongoCollection<Document> policies;

    @BeforeAll
    static void startMongo() {
        mongo = new MemoryMongo();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        MongoDatabase database = mongo.database("tasks_" + ++databases);
        projection = new TaskProjection(database);
        tasks = database.getCollection(TaskReadModels.TASKS);
        messages = database.getCollection(TaskReadModels.TASK_MESSAGES);
        policies = database.getCollection(TaskReadModels.TASK_POLICIES);
    }

    private Document task() {
        return tasks.find(Filters.eq("_id", TASK)).first();
    }

    private Document message(String messageId) {
        return messages.find(Filters.eq("_id", messageId)).first();
    }

    private static JsonNode body(Document message) {
        return JsonText.read(message.getString("body"), "body");
    }

    private static List<Document> all(MongoCollection<Document> collection) {
        return collection.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    /** Applies the request, an offer and its acceptance at sequences 0 to 2. */
    private void underContract() {
        projection.on(requested(), 0);
        projection.on(offerMade(msg(1), offer("off_1", BUSINESS, 150, false, 10)), 1);
        projection.on(accepted(msg(2), "off_1", 150), 2);
    }

    @Test
    void requestCreatesTaskAndMessage() {
        projection.on(requested(), 0);

        Document task = task();
        assertThat(task.getString("task")).isEqualTo("quote_request");
        assertThat(task.getString("requesterLoopId")).isEqualTo(REQUESTER);
        assertThat(task.getString("businessLoopId")).isEqualTo(BUSINESS);
        assertThat(task.getString("state")).isEqualTo("REQUESTED");
        assertThat(task.getString("inputs")).isEqualTo(INPUTS.toString());
        assertThat(task.get("offer")).isNull();
        assertThat(task.get("contract")).isNull();
        assertThat(task.getBoolean("settled")).isFalse();
        assertThat(task.getDate("createdAt")).isEqualTo(Date.from(T0));
        assertThat(task.getLong("sequence")).isZero();

        Document message = message(msg(0));
        assertThat(message.getString("taskId")).isEqualTo(TASK);
        assertThat(message.getString("type")).isEqualTo("TASK_REQUEST");
        assertThat(message.getString("fromLoopId")).isEqualTo(REQUESTER);
        assertThat(message.getString("toLoopId")).isEqualTo(BUSINESS);
        assertThat(message.getString("stateAfter")).isEqualTo("REQUESTED");
        assertThat(message.getLong("sequence")).isZero();
        assertThat(message.getDate("createdAt")).isEqualTo(Date.from(T0));
        ObjectNode expected = JsonNodeFactory.instance.objectNode().put("task", "quote_request");
        expected.set("inputs", INPUTS);
        assertThat(body(message)).isEqualTo(expected);
    }

    @Test
    void policyRejectionIsNotAMessage() {
        projection.on(requested(), 0);
        projection.on(
                new TaskRejectedEvent(
                        TASK, null, REQUESTER, BUSINESS, TaskPolicyDecision.TRUST_TOO_LOW, "trust 40 is below 60", T0),
                1);

        Document task = task();
        assertThat(task.getString("state")).isEqualTo("REJECTED");
        assertThat(task.getString("reason")).isEqualTo("trust 40 is below 60");
        assertThat(task.getString("policyCode")).isEqualTo("TRUST_TOO_LOW");
        assertThat(messages.countDocuments()).isEqualTo(1);
        assertThat(message(msg(0)).getString("stateAfter")).isEqualTo("REQUESTED");
    }

    @Test
    void businessRejectIsAMessageToRequester() {
        projection.on(requested(), 0);
        projection.on(
                new TaskRejectedEvent(TASK, msg(1), REQUESTER, BUSINESS, null, "we do not serve Atlanta", at(5)), 1);

        assertThat(task().getString("state")).isEqualTo("REJECTED");
        assertThat(task().getString("policyCode")).isNull();
        Document message = message(msg(1));
        assertThat(message.getString("type")).isEqualTo("TASK_REJECT");
        assertThat(message.getString("fromLoopId")).isEqualTo(BUSINESS);
        assertThat(message.getString("toLoopId")).isEqualTo(REQUESTER);
        assertThat(message.getString("stateAfter")).isEqualTo("REJECTED");
        assertThat(body(message).toString()).isEqualTo("{\"reason\":\"we do not serve Atlanta\"}");
    }

    @Test
    void offerThenCounterOffer() {
        projection.on(requested(), 0);
        projection.on(offerMade(msg(1), offer("off_1", BUSINESS, 150, false, 10)), 1);

        assertThat(task().getString("state")).isEqualTo("OFFERED");
        Document offer = task().get("offer", Document.class);
        assertThat(offer.getString("offerId")).isEqualTo("off_1");
        assertThat(offer.getLong("price")).isEqualTo(150L);
        assertThat(offer.getBoolean("counter")).isFalse();
        assertThat(offer.getDate("expiresAt")).isEqualTo(Date.from(at(3600)));
        Document first = message(msg(1));
        assertThat(first.getString("type")).isEqualTo("TASK_OFFER");
        assertThat(first.getString("toLoopId")).isEqualTo(REQUESTER);
        assertThat(body(first).toString())
                .isEqualTo("{\"offerId\":\"off_1\",\"price\":150,\"terms\":\"roof inspection and quote\","
                        + "\"expiresAt\":\"2026-12-04T11:00:00Z\",\"deadline\":\"2026-12-05T10:00:00Z\"}");

        projection.on(offerMade(msg(2), offer("off_2", REQUESTER, 120, true, 20)), 2);

        assertThat(task().getString("state")).isEqualTo("NEGOTIATING");
        assertThat(task().get("offer", Document.class).getString("offerId")).isEqualTo("off_2");
        Document counter = message(msg(2));
        assertThat(counter.getString("type")).isEqualTo("COUNTER_OFFER");
        assertThat(counter.getString("fromLoopId")).isEqualTo(REQUESTER);
        assertThat(counter.getString("toLoopId")).isEqualTo(BUSINESS);
        assertThat(counter.getString("stateAfter")).isEqualTo("NEGOTIATING");
        assertThat(counter.getLong("sequence")).isEqualTo(2L);
    }

    @Test
    void acceptanceFormsContract() {
        underContract();

        Document task = task();
        assertThat(task.getString("state")).isEqualTo("ACCEPTED");
        Document contract = task.get("contract", Document.class);
        assertThat(contract.getString("offerId")).isEqualTo("off_1");
        assertThat(contract.getLong("price")).isEqualTo(150L);
        assertThat(contract.getString("holdId")).isEqualTo(HOLD);
        assertThat(contract.getDate("deadline")).isEqualTo(Date.from(at(86400)));
        assertThat(contract.getDate("acceptedAt")).isEqualTo(Date.from(at(30)));
        assertThat(contract.getInteger("amendments")).isZero();
        assertThat(contract.get("pendingAmendment")).isNull();
        Document message = message(msg(2));
        assertThat(message.getString("type")).isEqualTo("OFFER_ACCEPT");
        assertThat(message.getString("fromLoopId")).isEqualTo(REQUESTER);
        assertThat(body(message).toString()).isEqualTo("{\"offerId\":\"off_1\",\"price\":150}");
    }

    @Test
    void declineCancelsTask() {
        projection.on(requested(), 0);
        projection.on(offerMade(msg(1), offer("off_1", BUSINESS, 150, false, 10)), 1);
        projection.on(new OfferDeclinedEvent(TASK, msg(2), REQUESTER, BUSINESS, "off_1", "too expensive", at(20)), 2);

        assertThat(task().getString("state")).isEqualTo("CANCELLED");
        assertThat(task().getString("reason")).isEqualTo("too expensive");
        assertThat(message(msg(2)).getString("type")).isEqualTo("OFFER_DECLINE");
        assertThat(message(msg(2)).getString("toLoopId")).isEqualTo(BUSINESS);
    }

    @Test
    void inputRequestAndRequesterUpdate() {
        underContract();
        JsonNode question = JsonNodeFactory.instance.objectNode().put("field", "roofArea");
        projection.on(
                new TaskInputRequestedEvent(
                        TASK, msg(3), REQUESTER, BUSINESS, "How large is the roof?", question, at(40)),
                3);

        assertThat(task().getString("state")).isEqualTo("INPUT_REQUIRED");
        Document inputRequest = message(msg(3));
        assertThat(inputRequest.getString("type")).isEqualTo("INPUT_REQUEST");
        assertThat(inputRequest.getString("toLoopId")).isEqualTo(REQUESTER);
        assertThat(body(inputRequest).toString())
                .isEqualTo("{\"question\":\"How large is the roof?\",\"data\":{\"field\":\"roofArea\"}}");

        JsonNode answer = JsonNodeFactory.instance.objectNode().put("roofArea", 180);
        projection.on(update(msg(4), REQUESTER, null, answer), 4);

        assertThat(task().getString("state")).isEqualTo("IN_PROGRESS");
        Document update = message(msg(4));
        assertThat(update.getString("type")).isEqualTo("TASK_UPDATE");
        assertThat(update.getString("fromLoopId")).isEqualTo(REQUESTER);
        assertThat(update.getString("toLoopId")).isEqualTo(BUSINESS);
        assertThat(body(update).toString()).isEqualTo("{\"data\":{\"roofArea\":180}}");
    }

    @Test
    void completionThenSettlement() {
        underContract();
        projection.on(update(msg(3), BUSINESS, "inspection booked", null), 3);
        projection.on(completed(msg(4)), 4);

        Document completedTask = task();
        assertThat(completedTask.getString("state")).isEqualTo("COMPLETED");
        assertThat(completedTask.getString("result")).isEqualTo(RESULT.toString());
        assertThat(completedTask.getList("proofIds", String.class)).containsExactly("prf_1", "prf_2");
        assertThat(completedTask.getBoolean("settled")).isFalse();
        assertThat(body(message(msg(3))).toString()).isEqualTo("{\"message\":\"inspection booked\"}");
        Document completion = message(msg(4));
        assertThat(completion.getString("type")).isEqualTo("TASK_COMPLETE");
        assertThat(completion.getString("fromLoopId")).isEqualTo(BUSINESS);
        assertThat(body(completion).toString())
                .isEqualTo("{\"result\":{\"quote\":1200},\"proofIds\":[\"prf_1\",\"prf_2\"]}");

        projection.on(settled(), 5);

        assertThat(task().getString("state")).isEqualTo("SETTLED");
        assertThat(task().getBoolean("settled")).isTrue();
        assertThat(task().getDate("updatedAt")).isEqualTo(Date.from(at(51)));
        assertThat(messages.countDocuments()).isEqualTo(5);
    }

    @Test
    void settlementAfterDisputeKeepsDispute() {
        underContract();
        projection.on(completed(msg(3)), 3);
        projection.on(disputed(msg(4), TaskState.COMPLETED), 4);
        projection.on(settled(), 5);

        assertThat(task().getString("state")).isEqualTo("DISPUTED");
        assertThat(task().getBoolean("settled")).isTrue();
        Document dispute = message(msg(4));
        assertThat(dispute.getString("type")).isEqualTo("TASK_DISPUTE");
        assertThat(dispute.getString("toLoopId")).isEqualTo(BUSINESS);
        assertThat(dispute.getString("stateAfter")).isEqualTo("DISPUTED");
    }

    @Test
    void disputeResolvedAsRefund() {
        underContract();
        projection.on(completed(msg(3)), 3);
        projection.on(settled(), 4);
        projection.on(disputed(msg(5), TaskState.SETTLED), 5);
        projection.on(
                new DisputeResolvedEvent(
                        TASK, REQUESTER, BUSINESS, DisputeResolution.REFUNDED, "no proof", 150, "xfer_1", at(70)),
                6);

        Document task = task();
        assertThat(task.getString("state")).isEqualTo("REFUNDED");
        assertThat(task.getString("resolution")).isEqualTo("REFUNDED");
        assertThat(task.getBoolean("settled")).isTrue();
        assertThat(messages.countDocuments()).isEqualTo(5);
    }

    @Test
    void failureRecordsReason() {
        underContract();
        projection.on(new TaskFailedEvent(TASK, msg(3), REQUESTER, BUSINESS, "roofer unavailable", HOLD, at(40)), 3);

        assertThat(task().getString("state")).isEqualTo("FAILED");
        assertThat(task().getString("reason")).isEqualTo("roofer unavailable");
        assertThat(message(msg(3)).getString("type")).isEqualTo("TASK_FAIL");
        assertThat(message(msg(3)).getString("toLoopId")).isEqualTo(REQUESTER);
    }

    @Test
    void cancelByBusinessGoesToRequester() {
        underContract();
        projection.on(
                new TaskCancelledEvent(
                        TASK,
                        msg(3),
                        REQUESTER,
                        BUSINESS,
                        BUSINESS,
                        TaskState.ACCEPTED,
                        "closed for holidays",
                        HOLD,
                        at(40)),
                3);

        assertThat(task().getString("state")).isEqualTo("CANCELLED");
        assertThat(task().getString("reason")).isEqualTo("closed for holidays");
        Document cancel = message(msg(3));
        assertThat(cancel.getString("type")).isEqualTo("TASK_CANCEL");
        assertThat(cancel.getString("fromLoopId")).isEqualTo(BUSINESS);
        assertThat(cancel.getString("toLoopId")).isEqualTo(REQUESTER);
    }

    @Test
    void expiryIsNotAMessage() {
        projection.on(requested(), 0);
        projection.on(offerMade(msg(1), offer("off_1", BUSINESS, 150, false, 10)), 1);
        projection.on(new TaskExpiredEvent(TASK, REQUESTER, BUSINESS, TaskState.OFFERED, null, at(3600)), 2);

        assertThat(task().getString("state")).isEqualTo("EXPIRED");
        assertThat(task().getDate("updatedAt")).isEqualTo(Date.from(at(3600)));
        assertThat(task().getLong("sequence")).isEqualTo(2L);
        assertThat(messages.countDocuments()).isEqualTo(2);
    }

    @Test
    void amendmentWaitsThenBinds() {
        underContract();
        projection.on(amendmentProposed("amd_1", null, at(172800)), 3);

        Document proposed = task().get("contract", Document.class);
        Document pending = proposed.get("pendingAmendment", Document.class);
        assertThat(pending.getString("amendmentId")).isEqualTo("amd_1");
        assertThat(pending.getString("proposedByLoopId")).isEqualTo(BUSINESS);
        assertThat(pending.getDate("deadline")).isEqualTo(Date.from(at(172800)));
        assertThat(proposed.getDate("deadline")).isEqualTo(Date.from(at(86400)));
        assertThat(task().getString("state")).isEqualTo("ACCEPTED");

        projection.on(amended("amd_1", null, at(172800)), 4);

        Document contract = task().get("contract", Document.class);
        assertThat(contract.getDate("deadline")).isEqualTo(Date.from(at(172800)));
        assertThat(contract.getString("terms")).isEqualTo("roof inspection and quote");
        assertThat(contract.getInteger("amendments")).isEqualTo(1);
        assertThat(contract.get("pendingAmendment")).isNull();
        assertThat(messages.countDocuments()).isEqualTo(3);
    }

    @Test
    void amendmentWithoutContractIsSkipped() {
        projection.on(requested(), 0);
        projection.on(amendmentProposed("amd_1", "new terms", null), 1);

        assertThat(task().get("contract")).isNull();
        assertThat(task().getLong("sequence")).isEqualTo(1L);
    }

    @Test
    void laterEventWithoutRequestIsSkipped() {
        projection.on(offerMade(msg(1), offer("off_1", BUSINESS, 150, false, 10)), 1);

        assertThat(task()).isNull();
    }

    @Test
    void taskPolicyKeepsNewestVersion() {
        JsonNode schema = JsonNodeFactory.instance.objectNode().put("$ref", "#/$defs/city");
        Map<String, TaskPolicyRule> rules = new LinkedHashMap<>();
        rules.put("quote_request", new TaskPolicyRule(schema));
        rules.put("site_visit", new TaskPolicyRule(null));
        projection.on(new TaskPolicyChangedEvent(BUSINESS, new TaskPolicy(rules, 60), 2, at(5)));
        projection.on(new TaskPolicyChangedEvent(BUSINESS, TaskPolicy.none(), 1, T0));

        Document policy = policies.find(Filters.eq("_id", BUSINESS)).first();
        assertThat(policy.getLong("policyVersion")).isEqualTo(2L);
        assertThat(policy.getInteger("minTrustScore")).isEqualTo(60);
        assertThat(policy.getDate("changedAt")).isEqualTo(Date.from(at(5)));
        List<Document> tasks = policy.getList("tasks", Document.class);
        assertThat(tasks).extracting(task -> task.getString("name")).containsExactly("quote_request", "site_visit");
        assertThat(tasks.get(0).getString("inputSchema")).isEqualTo(schema.toString());
        assertThat(tasks.get(1).getString("inputSchema")).isNull();
    }

    /** Applies one task's whole conversation, another task's request and a task policy change. */
    private void history() {
        underContract();
        projection.on(amendmentProposed("amd_1", "roof and gutters", null), 3);
        projection.on(amended("amd_1", "roof and gutters", null), 4);
        projection.on(update(msg(5), BUSINESS, "inspection booked", null), 5);
        projection.on(completed(msg(6)), 6);
        projection.on(settled(), 7);
        projection.on(disputed(msg(8), TaskState.SETTLED), 8);
        projection.on(
                new DisputeResolvedEvent(
                        TASK, REQUESTER, BUSINESS, DisputeResolution.DISMISSED, "quote attached", 0, null, at(70)),
                9);
        String other = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XZ";
        projection.on(new TaskRequestedEvent(other, msg(10), BUSINESS, REQUESTER, null, "site_visit", null, at(80)), 0);
        projection.on(new TaskRejectedEvent(other, null, BUSINESS, REQUESTER, "TASK_NOT_ACCEPTED", "no", at(80)), 1);
        projection.on(new TaskPolicyChangedEvent(BUSINESS, new TaskPolicy(null, 50), 1, at(90)));
    }

    @Test
    void redeliveredEventsChangeNothing() {
        history();
        List<Document> tasksBefore = all(tasks);
        List<Document> messagesBefore = all(messages);
        List<Document> policiesBefore = all(policies);

        history();

        assertThat(all(tasks)).isEqualTo(tasksBefore);
        assertThat(all(messages)).isEqualTo(messagesBefore);
        assertThat(all(policies)).isEqualTo(policiesBefore);
        assertThat(task().getString("state")).isEqualTo("DISMISSED");
        assertThat(task().getString("resolution")).isEqualTo("DISMISSED");
    }

    @Test
    void replayAfterResetWritesIdenticalDocuments() {
        history();
        List<Document> tasksBefore = all(tasks);
        List<Document> messagesBefore = all(messages);
        List<Document> policiesBefore = all(policies);

        projection.reset();
        assertThat(tasks.countDocuments()).isZero();
        assertThat(messages.countDocuments()).isZero();
        assertThat(policies.countDocuments()).isZero();
        history();

        assertThat(all(tasks)).hasSize(2);
        assertThat(all(messages)).hasSize(7);
        assertThat(all(tasks)).isEqualTo(tasksBefore);
        assertThat(all(messages)).isEqualTo(messagesBefore);
        assertThat(all(policies)).isEqualTo(policiesBefore);
    }
}
