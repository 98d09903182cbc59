package io.openloop.ledger.query.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.task.ContractAmendmentProposedEvent;
import io.openloop.ledger.messages.task.ContractView;
import io.openloop.ledger.messages.task.FindContractQuery;
import io.openloop.ledger.messages.task.FindTaskPolicyQuery;
import io.openloop.ledger.messages.task.FindTaskQuery;
import io.openloop.ledger.messages.task.ListInboxQuery;
import io.openloop.ledger.messages.task.ListTaskMessagesQuery;
import io.openloop.ledger.messages.task.OfferAcceptedEvent;
import io.openloop.ledger.messages.task.OfferMadeEvent;
import io.openloop.ledger.messages.task.TaskMessageType;
import io.openloop.ledger.messages.task.TaskMessageView;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskPolicy;
import io.openloop.ledger.messages.task.TaskPolicyChangedEvent;
import io.openloop.ledger.messages.task.TaskPolicyRule;
import io.openloop.ledger.messages.task.TaskPolicyView;
import io.openloop.ledger.messages.task.TaskRejectedEvent;
import io.openloop.ledger.messages.task.TaskRequestedEvent;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.messages.task.TaskUpdatedEvent;
import io.openloop.ledger.messages.task.TaskView;
import io.openloop.ledger.projection.loop.MemoryMongo;
import io.openloop.ledger.projection.task.TaskReadModelWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Task queries against documents the real task projection wrote. */
class TaskQueryHandlerTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final String TASK_A = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String TASK_B = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    private static final String REQUESTER_A = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7RA";
    private static final String REQUESTER_B = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7RB";
    private static final String BUSINESS = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XS";

    private static MemoryMongo mongo;

    private TaskReadModelWriter writer;
    private TaskQueryHandler handler;

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
        MongoDatabase database = mongo.newDatabase();
        writer = new TaskReadModelWriter(database);
        handler = new TaskQueryHandler(database);
    }

    /** Returns the id of the {@code n}th message, created {@code n} times ten seconds after T0. */
    private static String msg(int n) {
        return "msg_01JE9Z4R8QZ4V2M1T6C3N5B" + String.format("%03d", n);
    }

    private static Instant at(int n) {
        return T0.plusSeconds(10L * n);
    }

    private static JsonNode inputs() {
        ObjectNode inputs = JsonNodeFactory.instance.objectNode().put("city", "Atlanta");
        inputs.putObject("budget").put("$lte", 2000);
        return inputs;
    }

    private static TaskOffer offer(String offerId, int n) {
        return new TaskOffer(offerId, BUSINESS, 150, "roof quote", at(100), at(1000), false, at(n));
    }

    /**
     * Applies two conversations with the business. Task A: request (1), offer (3), acceptance (5) and the business's
     * update (6). Task B: request (2) and offer (4).
     */
    private void twoTasks() {
        writer.apply(request(TASK_A, REQUESTER_A, 1), 0);
        writer.apply(request(TASK_B, REQUESTER_B, 2), 0);
        writer.apply(new OfferMadeEvent(TASK_A, msg(3), REQUESTER_A, BUSINESS, offer("off_a", 3)), 1);
        writer.apply(new OfferMadeEvent(TASK_B, msg(4), REQUESTER_B, BUSINESS, offer("off_b", 4)), 1);
        writer.apply(
                new OfferAcceptedEvent(
                        TASK_A, msg(5), REQUESTER_A, BUSINESS, "off_a", 150, "roof quote", at(1000), "hold_a", at(5)),
                2);
        writer.apply(new TaskUpdatedEvent(TASK_A, msg(6), REQUESTER_A, BUSINESS, BUSINESS, "booked", null, at(6)), 3);
    }

    private static TaskRequestedEvent request(String taskId, String requesterLoopId, int n) {
        return new TaskRequestedEvent(
                taskId, msg(n), requesterLoopId, BUSINESS, null, "quote_request", inputs(), at(n));
    }

    private static List<String> ids(Page<TaskMessageView> page) {
        return page.items().stream().map(TaskMessageView::messageId).toList();
    }

    private static void assertInvalid(Runnable query, String field) {
        assertThatThrownBy(query::run).isInstanceOfSatisfying(LedgerException.class, error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(error.details().get("fields"))
                    .isInstanceOfSatisfying(
                            Map.class, fields -> assertThat(fields).containsKey(field));
        });
    }

    @Test
    void findTaskReturnsView() {
        twoTasks();

        TaskView view = handler.handle(new FindTaskQuery(TASK_A));

        assertThat(view.taskId()).isEqualTo(TASK_A);
        assertThat(view.task()).isEqualTo("quote_request");
        assertThat(view.requesterLoopId()).isEqualTo(REQUESTER_A);
        assertThat(view.businessLoopId()).isEqualTo(BUSINESS);
        assertThat(view.state()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(view.inputs()).isEqualTo(inputs());
        assertThat(view.offer()).isEqualTo(offer("off_a", 3));
        assertThat(view.contract().price()).isEqualTo(150);
        assertThat(view.result()).isNull();
        assertThat(view.proofIds()).isEmpty();
        assertThat(view.settled()).isFalse();
        assertThat(view.resolution()).isNull();
        assertThat(view.createdAt()).isEqualTo(at(1));
        assertThat(view.updatedAt()).isEqualTo(at(6));
        assertThat(view.sequence()).isEqualTo(3);
    }

    @Test
    void findRejectedTaskHasReason() {
        writer.apply(request(TASK_A, REQUESTER_A, 1), 0);
        writer.apply(new TaskRejectedEvent(TASK_A, null, REQUESTER_A, BUSINESS, "TRUST_TOO_LOW", "trust 40", at(1)), 1);

        TaskView view = handler.handle(new FindTaskQuery(TASK_A));

        assertThat(view.state()).isEqualTo(TaskState.REJECTED);
        assertThat(view.reason()).isEqualTo("trust 40");
        assertThat(view.offer()).isNull();
        assertThat(view.contract()).isNull();
    }

    @Test
    void unknownTaskIsNull() {
        assertThat(handler.handle(new FindTaskQuery(TASK_A))).isNull();
        assertThat(handler.handle(new FindContractQuery(TASK_A))).isNull();
    }

    @Test
    void contractNullBeforeAcceptance() {
        twoTasks();

        assertThat(handler.handle(new FindContractQuery(TASK_B))).isNull();
    }

    @Test
    void contractShowsPendingAmendment() {
        twoTasks();
        writer.apply(
                new ContractAmendmentProposedEvent(
                        TASK_A, REQUESTER_A, BUSINESS, "amd_1", BUSINESS, "roof and gutters", null, at(7)),
                4);

        ContractView contract = handler.handle(new FindContractQuery(TASK_A));

        assertThat(contract.taskId()).isEqualTo(TASK_A);
        assertThat(contract.requesterLoopId()).isEqualTo(REQUESTER_A);
        assertThat(contract.businessLoopId()).isEqualTo(BUSINESS);
        assertThat(contract.offerId()).isEqualTo("off_a");
        assertThat(contract.price()).isEqualTo(150);
        assertThat(contract.terms()).isEqualTo("roof quote");
        assertThat(contract.deadline()).isEqualTo(at(1000));
        assertThat(contract.status()).isEqualTo(TaskState.IN_PROGRESS);
        assertThat(contract.holdId()).isEqualTo("hold_a");
        assertThat(contract.acceptedAt()).isEqualTo(at(5));
        assertThat(contract.amendments()).isZero();
        assertThat(contract.pendingAmendment())
                .isEqualTo(new ContractView.PendingAmendment("amd_1", BUSINESS, "roof and gutters", null, at(7)));
    }

    @Test
    void policyDefaultsToNone() {
        TaskPolicyView view = handler.handle(new FindTaskPolicyQuery(BUSINESS));

        assertThat(view.loopId()).isEqualTo(BUSINESS);
        assertThat(view.policyVersion()).isZero();
        assertThat(view.policy()).isEqualTo(TaskPolicy.none());
        assertThat(view.changedAt()).isNull();
    }

    @Test
    void policyReturnsStoredRules() {
        JsonNode schema = JsonNodeFactory.instance.objectNode().put("$ref", "#/$defs/city");
        TaskPolicy policy = new TaskPolicy(
                Map.of("quote_request", new TaskPolicyRule(schema), "site_visit", new TaskPolicyRule(null)), 60);
        writer.apply(new TaskPolicyChangedEvent(BUSINESS, policy, 3, at(1)));

        TaskPolicyView view = handler.handle(new FindTaskPolicyQuery(BUSINESS));

        assertThat(view.policyVersion()).isEqualTo(3);
        assertThat(view.changedAt()).isEqualTo(at(1));
        assertThat(view.policy()).isEqualTo(policy);
        assertThat(view.policy().tasks().get("quote_request").inputSchema()).isEqualTo(schema);
    }

    @Test
    void taskMessagesInSequenceOrder() {
        twoTasks();

        Page<TaskMessageView> page = handler.handle(new ListTaskMessagesQuery(TASK_A, null, 50));

        assertThat(ids(page)).containsExactly(msg(1), msg(3), msg(5), msg(6));
        assertThat(page.items()).extracting(TaskMessageView::sequence).containsExactly(0L, 1L, 2L, 3L);
        assertThat(page.nextCursor()).isNull();
        TaskMessageView accept = page.items().get(2);
        assertThat(accept.type()).isEqualTo(TaskMessageType.OFFER_ACCEPT);
        assertThat(accept.fromLoopId()).isEqualTo(REQUESTER_A);
        assertThat(accept.toLoopId()).isEqualTo(BUSINESS);
        assertThat(accept.stateAfter()).isEqualTo(TaskState.ACCEPTED);
        assertThat(accept.createdAt()).isEqualTo(at(5));
        assertThat(accept.body().toString()).isEqualTo("{\"offerId\":\"off_a\",\"price\":150}");
        assertThat(page.items().get(0).body().get("inputs")).isEqualTo(inputs());
    }

    @Test
    void taskMessagesPageBySequence() {
        twoTasks();
        List<String> seen = new ArrayList<>();
        List<String> cursors = new ArrayList<>();

        Long after = null;
        do {
            Page<TaskMessageView> page = handler.handle(new ListTaskMessagesQuery(TASK_A, after, 3));
            seen.addAll(ids(page));
            cursors.add(page.nextCursor());
            after = page.nextCursor() == null ? null : Long.valueOf(page.nextCursor());
        } while (after != null);

        assertThat(seen).containsExactly(msg(1), msg(3), msg(5), msg(6));
        assertThat(cursors).containsExactly("2", null);
    }

    @Test
    void taskMessagesRejectBadInput() {
        assertInvalid(() -> handler.handle(new ListTaskMessagesQuery(TASK_A, null, 0)), "limit");
        assertInvalid(() -> handler.handle(new ListTaskMessagesQuery(TASK_A, null, 201)), "limit");
        assertInvalid(() -> handler.handle(new ListTaskMessagesQuery(null, null, 10)), "taskId");
    }

    @Test
    void inboxNewestFirst() {
        twoTasks();

        Page<TaskMessageView> business = handler.handle(new ListInboxQuery(BUSINESS, null, null, null, null, null, 50));
        Page<TaskMessageView> requester =
                handler.handle(new ListInboxQuery(REQUESTER_A, null, null, null, null, null, 50));

        assertThat(ids(business)).containsExactly(msg(5), msg(2), msg(1));
        assertThat(business.nextCursor()).isNull();
        assertThat(ids(requester)).containsExactly(msg(6), msg(3));
    }

    @Test
    void inboxFilters() {
        twoTasks();

        Page<TaskMessageView> requests =
                handler.handle(new ListInboxQuery(BUSINESS, TaskMessageType.TASK_REQUEST, null, null, null, null, 50));
        Page<TaskMessageView> ofTaskA =
                handler.handle(new ListInboxQuery(BUSINESS, null, TASK_A, null, null, null, 50));
        Page<TaskMessageView> fromB =
                handler.handle(new ListInboxQuery(BUSINESS, null, null, REQUESTER_B, null, null, 50));
        Page<TaskMessageView> sinceTwo =
                handler.handle(new ListInboxQuery(BUSINESS, null, null, null, at(2), null, 50));
        Page<TaskMessageView> combined = handler.handle(
                new ListInboxQuery(BUSINESS, TaskMessageType.TASK_REQUEST, null, REQUESTER_A, null, null, 50));

        assertThat(ids(requests)).containsExactly(msg(2), msg(1));
        assertThat(ids(ofTaskA)).containsExactly(msg(5), msg(1));
        assertThat(ids(fromB)).containsExactly(msg(2));
        assertThat(ids(sinceTwo)).containsExactly(msg(5), msg(2));
        assertThat(ids(combined)).containsExactly(msg(1));
    }

    @Test
    void inboxPagesBeforeCursor() {
        twoTasks();
        List<String> seen = new ArrayList<>();
        List<String> cursors = new ArrayList<>();

        String before = null;
        do {
            Page<TaskMessageView> page =
                    handler.handle(new ListInboxQuery(BUSINESS, null, null, null, null, before, 2));
            seen.addAll(ids(page));
            cursors.add(page.nextCursor());
            before = page.nextCursor();
        } while (before != null);

        assertThat(seen).containsExactly(msg(5), msg(2), msg(1));
        assertThat(cursors).containsExactly(msg(2), null);
    }

    @Test
    void inboxRejectsBadInput() {
        assertInvalid(() -> handler.handle(new ListInboxQuery(BUSINESS, null, null, null, null, null, 0)), "limit");
        assertInvalid(() -> handler.handle(new ListInboxQuery(BUSINESS, null, null, null, null, null, 201)), "limit");
        assertInvalid(() -> handler.handle(new ListInboxQuery(null, null, null, null, null, null, 10)), "loopId");
    }
}
