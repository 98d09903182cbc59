package io.openloop.ledger.query.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.invocation.FindInvocationQuery;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationView;
import io.openloop.ledger.messages.invocation.ListApprovalsQuery;
import io.openloop.ledger.messages.invocation.ListInvocationsQuery;
import io.openloop.ledger.messages.invocation.ListPublisherInvocationsQuery;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.projection.invocation.InvocationLogWriter;
import io.openloop.ledger.projection.loop.MemoryMongo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invocation queries against documents the real invocation log projection wrote. */
class InvocationQueryHandlerTest {

    private static final String LOOP_A = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String LOOP_B = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    private static final String LOOP_C = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XC";
    private static final String PUBLISHER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XP";
    private static final String OTHER_PUBLISHER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XQ";
    private static final String ACCOUNT_A = "acct_01JE9Z4R8QZ4V2M1T6C3N5B7XA";

    private static MemoryMongo mongo;

    private InvocationLogWriter writer;
    private InvocationQueryHandler handler;

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
        writer = new InvocationLogWriter(database);
        handler = new InvocationQueryHandler(database);
    }

    /** Returns an invocation id whose order follows {@code n}. */
    private static String inv(int n) {
        return "inv_01JE9Z4R8QZ4V2M1T6C3N5B" + String.format("%03d", n);
    }

    private static JsonNode input() {
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("city", "Atlanta");
        input.putObject("filter").put("$gt", 3);
        return input;
    }

    private static List<String> ids(Page<InvocationView> page) {
        return page.items().stream().map(InvocationView::invocationId).toList();
    }

    @Test
    void findReturnsView() {
        writer.pending(inv(1), LOOP_A, PUBLISHER, "@acme/quote", input());
        writer.held(ACCOUNT_A, inv(1), 40);

        InvocationView view = handler.handle(new FindInvocationQuery(inv(1)));

        assertThat(view.invocationId()).isEqualTo(inv(1));
        assertThat(view.loopId()).isEqualTo(LOOP_A);
        assertThat(view.status()).isEqualTo(InvocationStatus.PENDING);
        assertThat(view.executionMode()).isEqualTo(ExecutionMode.AUTOPILOT);
        assertThat(view.input()).isEqualTo(input());
        assertThat(view.expectedProofs()).containsExactly("receipt");
        assertThat(view.policy().decision()).isEqualTo(PolicyDecision.ALLOW);
        assertThat(view.policy().reasons()).hasSize(1);
        assertThat(view.policy().policyVersion()).isEqualTo(4);
        assertThat(view.estimate()).isEqualTo(40);
        assertThat(view.held()).isEqualTo(40L);
        assertThat(view.captured()).isNull();
        assertThat(view.requestedAt()).isEqualTo(InvocationLogWriter.T0);
        assertThat(view.sequence()).isEqualTo(1);
    }

    @Test
    void findCompletedReturnsDuration() {
        writer.pending(inv(1), LOOP_A, PUBLISHER, "@acme/quote", input());
        writer.succeeded(inv(1), LOOP_A, PUBLISHER, 25);

        InvocationView view = handler.handle(new FindInvocationQuery(inv(1)));

        assertThat(view.status()).isEqualTo(InvocationStatus.SUCCEEDED);
        assertThat(view.charged()).isEqualTo(25L);
        assertThat(view.durationMs()).isEqualTo(2_000L);
        assertThat(view.output()).isNull();
    }

    @Test
    void unknownInvocationIsNotFound() {
        assertThatThrownBy(() -> handler.handle(new FindInvocationQuery(inv(9))))
                .isInstanceOfSatisfying(
                        LedgerException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void holdWithoutInvocationIsNotFound() {
        writer.held(ACCOUNT_A, inv(1), 40);

        assertThatThrownBy(() -> handler.handle(new FindInvocationQuery(inv(1))))
                .isInstanceOfSatisfying(
                        LedgerException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void listKeepsOnlyGivenLoops() {
        writer.pending(inv(1), LOOP_A, PUBLISHER, "@acme/quote", null);
        writer.pending(inv(2), LOOP_B, PUBLISHER, "@acme/quote", null);
        writer.pending(inv(3), LOOP_C, PUBLISHER, "@acme/quote", null);

        Page<InvocationView> page =
                handler.handle(new ListInvocationsQuery(List.of(LOOP_A, LOOP_C), null, null, null, null, 50));

        assertThat(ids(page)).containsExactly(inv(1), inv(3));
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void listPagesByCursor() {
        for (int n = 1; n <= 5; n++) {
            writer.pending(inv(n), LOOP_A, PUBLISHER, "@acme/quote", null);
        }
        List<String> seen = new ArrayList<>();
        List<String> cursors = new ArrayList<>();

        String after = null;
        do {
            Page<InvocationView> page =
                    handler.handle(new ListInvocationsQuery(List.of(LOOP_A), null, null, null, after, 2));
            seen.addAll(ids(page));
            cursors.add(page.nextCursor());
            after = page.nextCursor();
        } while (after != null);

        assertThat(seen).containsExactly(inv(1), inv(2), inv(3), inv(4), inv(5));
        assertThat(cursors).containsExactly(inv(2), inv(4), null);
    }

    @Test
    void listFiltersByToolStatusAndMode() {
        writer.pending(inv(1), LOOP_A, PUBLISHER, "@acme/quote", null);
        writer.pending(inv(2), LOOP_A, PUBLISHER, "@acme/other", null);
        writer.sandboxPending(inv(3), LOOP_A, PUBLISHER);
        writer.awaitingApproval(inv(4), LOOP_A, PUBLISHER);

        List<String> byTool =
                ids(handler.handle(new ListInvocationsQuery(List.of(LOOP_A), "@acme/other", null, null, null, 50)));
        List<String> byStatus = ids(handler.handle(
                new ListInvocationsQuery(List.of(LOOP_A), null, InvocationStatus.AWAITING_APPROVAL, null, null, 50)));
        List<String> byMode = ids(
                handler.handle(new ListInvocationsQuery(List.of(LOOP_A), null, null, ExecutionMode.SANDBOX, null, 50)));

        assertThat(byTool).containsExactly(inv(2));
        assertThat(byStatus).containsExactly(inv(4));
        assertThat(byMode).containsExactly(inv(3));
    }

    @Test
    void emptyLoopListMatchesNothing() {
        writer.pending(inv(1), LOOP_A, PUBLISHER, "@acme/quote", null);

        Page<InvocationView> page = handler.handle(new ListInvocationsQuery(List.of(), null, null, null, null, 50));

        assertThat(page.items()).isEmpty();
    }

    @Test
    void nullLoopListMatchesEveryInvocation() {
        writer.pending(inv(1), LOOP_A, PUBLISHER, "@acme/quote", null);
        writer.pending(inv(2), LOOP_B, PUBLISHER, "@acme/quote", null);
        writer.held(ACCOUNT_A, inv(3), 40);

        Page<InvocationView> page = handler.handle(new ListInvocationsQuery(null, null, null, null, null, 50));

        assertThat(ids(page)).containsExactly(inv(1), inv(2));
    }

    @Test
    void limitOutOfRangeIsRejected() {
        for (int limit : new int[] {0, InvocationQueryHandler.MAX_LIMIT + 1}) {
            assertThatThrownBy(() -> handler.handle(new ListApprovalsQuery(List.of(LOOP_A), null, limit)))
                    .isInstanceOfSatisfying(
                            LedgerException.class,
                            error -> assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
    }

    @Test
    void publisherPullsPendingWork() {
        writer.pending(inv(1), LOOP_A, PUBLISHER, "@acme/quote", input());
        writer.pending(inv(2), LOOP_B, OTHER_PUBLISHER, "@other/quote", input());
        writer.awaitingApproval(inv(3), LOOP_A, PUBLISHER);
        writer.pending(inv(4), LOOP_C, PUBLISHER, "@acme/quote", input());
        writer.succeeded(inv(4), LOOP_C, PUBLISHER, 10);

        Page<InvocationView> page =
                handler.handle(new ListPublisherInvocationsQuery(PUBLISHER, InvocationStatus.PENDING, null, null, 50));

        assertThat(ids(page)).containsExactly(inv(1));
        assertThat(page.items().get(0).input()).isEqualTo(input());
        assertThat(page.items().get(0).expectedProofs()).containsExactly("receipt");
    }

    @Test
    void publisherListFiltersByTool() {
        writer.pending(inv(1), LOOP_A, PUBLISHER, "@acme/quote", null);
        writer.pending(inv(2), LOOP_A, PUBLISHER, "@acme/other", null);

        Page<InvocationView> page =
                handler.handle(new ListPublisherInvocationsQuery(PUBLISHER, null, "@acme/other", null, 50));

        assertThat(ids(page)).containsExactly(inv(2));
    }

    @Test
    void publisherListWithoutPublisherIsRejected() {
        writer.held(ACCOUNT_A, inv(1), 40);

        assertThatThrownBy(() -> handler.handle(new ListPublisherInvocationsQuery(null, null, null, null, 50)))
                .isInstanceOfSatisfying(
                        LedgerException.class,
                        error -> assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void approvalsListsOnlyAwaitingApproval() {
        writer.awaitingApproval(inv(1), LOOP_A, PUBLISHER);
        writer.pending(inv(2), LOOP_A, PUBLISHER, "@acme/quote", null);
        writer.awaitingApproval(inv(3), LOOP_B, PUBLISHER);
        writer.awaitingApproval(inv(4), LOOP_C, PUBLISHER);

        Page<InvocationView> page = handler.handle(new ListApprovalsQuery(List.of(LOOP_A, LOOP_B), null, 50));

        assertThat(ids(page)).containsExactly(inv(1), inv(3));
    }
}
