package io.openloop.ledger.command.task;

import static io.openloop.ledger.command.task.TaskFixtures.BUSINESS;
import static io.openloop.ledger.command.task.TaskFixtures.DEADLINE;
import static io.openloop.ledger.command.task.TaskFixtures.EXPIRES_AT;
import static io.openloop.ledger.command.task.TaskFixtures.HOLD;
import static io.openloop.ledger.command.task.TaskFixtures.INPUTS;
import static io.openloop.ledger.command.task.TaskFixtures.KEY;
import static io.openloop.ledger.command.task.TaskFixtures.NOW;
import static io.openloop.ledger.command.task.TaskFixtures.OFFER;
import static io.openloop.ledger.command.task.TaskFixtures.PRICE;
import static io.openloop.ledger.command.task.TaskFixtures.PROOF;
import static io.openloop.ledger.command.task.TaskFixtures.REQUESTER;
import static io.openloop.ledger.command.task.TaskFixtures.STRANGER;
import static io.openloop.ledger.command.task.TaskFixtures.TASK;
import static io.openloop.ledger.command.task.TaskFixtures.accept;
import static io.openloop.ledger.command.task.TaskFixtures.accepted;
import static io.openloop.ledger.command.task.TaskFixtures.complete;
import static io.openloop.ledger.command.task.TaskFixtures.completed;
import static io.openloop.ledger.command.task.TaskFixtures.fields;
import static io.openloop.ledger.command.task.TaskFixtures.inputRequested;
import static io.openloop.ledger.command.task.TaskFixtures.offer;
import static io.openloop.ledger.command.task.TaskFixtures.offerMade;
import static io.openloop.ledger.command.task.TaskFixtures.rejection;
import static io.openloop.ledger.command.task.TaskFixtures.request;
import static io.openloop.ledger.command.task.TaskFixtures.requested;
import static io.openloop.ledger.command.task.TaskFixtures.updated;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.task.AcceptAmendmentCommand;
import io.openloop.ledger.messages.task.CancelTaskCommand;
import io.openloop.ledger.messages.task.ContractAmendedEvent;
import io.openloop.ledger.messages.task.ContractAmendmentProposedEvent;
import io.openloop.ledger.messages.task.DeclineOfferCommand;
import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.DisputeResolvedEvent;
import io.openloop.ledger.messages.task.DisputeTaskCommand;
import io.openloop.ledger.messages.task.FailTaskCommand;
import io.openloop.ledger.messages.task.MakeOfferCommand;
import io.openloop.ledger.messages.task.MarkTaskSettledCommand;
import io.openloop.ledger.messages.task.OfferDeclinedEvent;
import io.openloop.ledger.messages.task.OfferMadeEvent;
import io.openloop.ledger.messages.task.ProposeAmendmentCommand;
import io.openloop.ledger.messages.task.RejectTaskCommand;
import io.openloop.ledger.messages.task.RequestTaskCommand;
import io.openloop.ledger.messages.task.RequestTaskInputCommand;
import io.openloop.ledger.messages.task.ResolveDisputeCommand;
import io.openloop.ledger.messages.task.SendTaskUpdateCommand;
import io.openloop.ledger.messages.task.TaskCancelledEvent;
import io.openloop.ledger.messages.task.TaskDisputedEvent;
import io.openloop.ledger.messages.task.TaskExpiredEvent;
import io.openloop.ledger.messages.task.TaskFailedEvent;
import io.openloop.ledger.messages.task.TaskOffer;
import io.openloop.ledger.messages.task.TaskPolicyDecision;
import io.openloop.ledger.messages.task.TaskRejectedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import io.openloop.ledger.messages.task.TaskState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Task aggregate's conversation: every transition of the AAP table, its rejections and its deadlines. */
class TaskTest {

    private FixtureConfiguration<Task> fixture;

    @BeforeEach
    void setUp() {
        fixture = TaskFixtures.fixture();
    }

    private TestExecutor<Task> givenOffered() {
        return fixture.given(requested(), offerMade());
    }

    private TestExecutor<Task> givenNegotiating() {
        return fixture.given(requested(), offerMade(), offerMade("msg_counter", REQUESTER, true, "offer_2", 250));
    }

    private TestExecutor<Task> givenAccepted() {
        return fixture.given(requested(), offerMade(), accepted(PRICE, HOLD));
    }

    private TestExecutor<Task> givenInProgress() {
        return fixture.given(requested(), offerMade(), accepted(PRICE, HOLD), updated("msg_upd", BUSINESS));
    }

    private TestExecutor<Task> givenInputRequired() {
        return fixture.given(requested(), offerMade(), accepted(PRICE, HOLD), inputRequested());
    }

    private TestExecutor<Task> givenCompleted() {
        return fixture.given(requested(), offerMade(), accepted(PRICE, HOLD), completed(PRICE, HOLD));
    }

    /** The histories of ACCEPTED, IN_PROGRESS and INPUT_REQUIRED; call each on a fresh fixture. */
    private List<Supplier<TestExecutor<Task>>> underContract() {
        return List.of(this::givenAccepted, this::givenInProgress, this::givenInputRequired);
    }

    private static void assertInvalidState(LedgerException error, TaskState state, String expectedSender) {
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", state.name());
        if (expectedSender == null) {
            assertThat(error.details()).doesNotContainKey("expectedSender");
        } else {
            assertThat(error.details()).containsEntry("expectedSender", expectedSender);
        }
    }

    private static void assertInvalidField(LedgerException error, String field) {
        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsKey(field);
    }

    // TASK_REQUEST

    @Test
    void acceptedRequestStartsRequested() {
        fixture.givenNoPriorActivity()
                .when(request(TaskPolicyDecision.accept(2)))
                .expectEvents(requested())
                .expectNoScheduledDeadlines();
    }

    @Test
    void policyRejectionStartsRejected() {
        TaskPolicyDecision decision =
                TaskPolicyDecision.reject(TaskPolicyDecision.TRUST_TOO_LOW, "trust 40 is below 60", 2);

        fixture.givenNoPriorActivity()
                .when(request(decision))
                .expectEvents(
                        requested(),
                        new TaskRejectedEvent(
                                TASK, null, REQUESTER, BUSINESS, "TRUST_TOO_LOW", "trust 40 is below 60", NOW));
    }

    @Test
    void requestWithInvalidTaskNameIsRejected() {
        RequestTaskCommand command = new RequestTaskCommand(
                TASK, "msg_req", REQUESTER, BUSINESS, KEY, "Quote-Request", INPUTS, TaskPolicyDecision.accept(0));

        assertInvalidField(rejection(fixture.givenNoPriorActivity(), command), "task");
    }

    @Test
    void requestWithArrayInputsIsRejected() {
        RequestTaskCommand command = new RequestTaskCommand(
                TASK,
                "msg_req",
                REQUESTER,
                BUSINESS,
                KEY,
                "quote_request",
                JsonNodeFactory.instance.arrayNode(),
                TaskPolicyDecision.accept(0));

        assertInvalidField(rejection(fixture.givenNoPriorActivity(), command), "inputs");
    }

    @Test
    void requestToOwnLoopIsRejected() {
        RequestTaskCommand command = new RequestTaskCommand(
                TASK, "msg_req", REQUESTER, REQUESTER, KEY, "quote_request", INPUTS, TaskPolicyDecision.accept(0));

        assertInvalidField(rejection(fixture.givenNoPriorActivity(), command), "businessLoopId");
    }

    // TASK_OFFER and COUNTER_OFFER

    @Test
    void businessOfferFromRequestedSchedulesExpiry() {
        fixture.given(requested())
                .when(offer("msg_offer", BUSINESS, false, OFFER, PRICE))
                .expectEvents(offerMade())
                .expectScheduledDeadlineWithName(EXPIRES_AT, Task.OFFER_EXPIRY);
    }

    @Test
    void offerWithoutDeadlineGetsDefault() {
        MakeOfferCommand command =
                new MakeOfferCommand(TASK, "msg_offer", BUSINESS, false, OFFER, PRICE, "roof quote", EXPIRES_AT, null);
        TaskOffer expected = new TaskOffer(
                OFFER,
                BUSINESS,
                PRICE,
                "roof quote",
                EXPIRES_AT,
                EXPIRES_AT.plus(TaskOffer.DEFAULT_CONTRACT_DURATION),
                false,
                NOW);

        fixture.given(requested())
                .when(command)
                .expectEvents(new OfferMadeEvent(TASK, "msg_offer", REQUESTER, BUSINESS, expected));
    }

    @Test
    void requesterCounterOfferNegotiatesWithoutExpiry() {
        givenOffered()
                .when(offer("msg_counter", REQUESTER, true, "offer_2", 250))
                .expectEvents(offerMade("msg_counter", REQUESTER, true, "offer_2", 250))
                .expectNoScheduledDeadlines();
    }

    @Test
    void businessCounterOfferFromNegotiating() {
        givenNegotiating()
                .when(offer("msg_counter2", BUSINESS, true, "offer_3", 280))
                .expectEvents(offerMade("msg_counter2", BUSINESS, true, "offer_3", 280));
    }

    @Test
    void businessOfferFromNegotiatingIsOffered() {
        givenNegotiating()
                .when(offer("msg_offer2", BUSINESS, false, "offer_3", 260))
                .expectEvents(offerMade("msg_offer2", BUSINESS, false, "offer_3", 260))
                .expectScheduledDeadlineWithName(EXPIRES_AT, Task.OFFER_EXPIRY);
    }

    @Test
    void requesterTaskOfferNamesBusiness() {
        LedgerException error =
                rejection(fixture.given(requested()), offer("msg_offer", REQUESTER, false, OFFER, PRICE));

        assertInvalidState(error, TaskState.REQUESTED, "business");
    }

    @Test
    void counterOfferFromRequestedIsRejected() {
        LedgerException error =
                rejection(fixture.given(requested()), offer("msg_counter", BUSINESS, true, OFFER, PRICE));

        assertInvalidState(error, TaskState.REQUESTED, null);
    }

    @Test
    void strangerGetsNotFound() {
        LedgerException error = rejection(fixture.given(requested()), offer("msg_offer", STRANGER, false, OFFER, 1));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(error.details()).doesNotContainKey("currentState");
    }

    @Test
    void negativePriceIsRejected() {
        assertInvalidField(
                rejection(fixture.given(requested()), offer("msg_offer", BUSINESS, false, OFFER, -1)), "price");
    }

    @Test
    void pastExpiryIsRejected() {
        MakeOfferCommand command = new MakeOfferCommand(
                TASK, "msg_offer", BUSINESS, false, OFFER, PRICE, null, NOW.minusSeconds(1), DEADLINE);

        assertInvalidField(rejection(fixture.given(requested()), command), "expiresAt");
    }

    @Test
    void deadlineBeforeExpiryIsRejected() {
        MakeOfferCommand command =
                new MakeOfferCommand(TASK, "msg_offer", BUSINESS, false, OFFER, PRICE, null, EXPIRES_AT, EXPIRES_AT);

        assertInvalidField(rejection(fixture.given(requested()), command), "deadline");
    }

    @Test
    void deadlineBeyondMaximumIsRejected() {
        Instant late = NOW.plus(TaskOffer.MAX_CONTRACT_DURATION).plusSeconds(1);
        MakeOfferCommand command =
                new MakeOfferCommand(TASK, "msg_offer", BUSINESS, false, OFFER, PRICE, null, EXPIRES_AT, late);

        assertInvalidField(rejection(fixture.given(requested()), command), "deadline");
    }

    @Test
    void overlongTermsAreRejected() {
        MakeOfferCommand command = new MakeOfferCommand(
                TASK, "msg_offer", BUSINESS, false, OFFER, PRICE, "x".repeat(2001), EXPIRES_AT, DEADLINE);

        assertInvalidField(rejection(fixture.given(requested()), command), "terms");
    }

    @Test
    void reusedOfferIdIsRejected() {
        assertInvalidField(
                rejection(givenNegotiating(), offer("msg_offer2", BUSINESS, false, OFFER, PRICE)), "offerId");
    }

    // TASK_REJECT

    @Test
    void businessRejectsRequest() {
        fixture.given(requested())
                .when(new RejectTaskCommand(TASK, "msg_no", BUSINESS, "  not in our area "))
                .expectEvents(new TaskRejectedEvent(TASK, "msg_no", REQUESTER, BUSINESS, null, "not in our area", NOW));
    }

    @Test
    void rejectAfterOfferIsInvalid() {
        assertInvalidState(
                rejection(givenOffered(), new RejectTaskCommand(TASK, "msg_no", BUSINESS, null)),
                TaskState.OFFERED,
                null);
    }

    @Test
    void requesterRejectNamesBusiness() {
        assertInvalidState(
                rejection(fixture.given(requested()), new RejectTaskCommand(TASK, "msg_no", REQUESTER, null)),
                TaskState.REQUESTED,
                "business");
    }

    @Test
    void overlongReasonIsRejected() {
        RejectTaskCommand command = new RejectTaskCommand(TASK, "msg_no", BUSINESS, "x".repeat(1001));

        assertInvalidField(rejection(fixture.given(requested()), command), "reason");
    }

    // OFFER_ACCEPT and OFFER_DECLINE

    @Test
    void acceptFormsContractAndSchedulesDeadline() {
        givenOffered()
                .when(accept("msg_accept", REQUESTER, OFFER, HOLD))
                .expectEvents(accepted(PRICE, HOLD))
                .expectScheduledDeadlineWithName(DEADLINE, Task.CONTRACT_DEADLINE);
    }

    @Test
    void acceptWithoutOfferIdTakesCurrentOffer() {
        givenOffered().when(accept("msg_accept", REQUESTER, null, HOLD)).expectEvents(accepted(PRICE, HOLD));
    }

    @Test
    void acceptOfOtherOfferIsRejected() {
        assertInvalidField(rejection(givenOffered(), accept("msg_accept", REQUESTER, "offer_9", HOLD)), "offerId");
    }

    @Test
    void acceptWithoutHoldIsRejected() {
        assertInvalidField(rejection(givenOffered(), accept("msg_accept", REQUESTER, OFFER, null)), "holdId");
    }

    @Test
    void freeOfferAcceptedWithoutHold() {
        fixture.given(requested(), offerMade("msg_offer", BUSINESS, false, OFFER, 0))
                .when(accept("msg_accept", REQUESTER, OFFER, null))
                .expectEvents(accepted(0, null));
    }

    @Test
    void freeOfferWithHoldIsRejected() {
        assertInvalidField(
                rejection(
                        fixture.given(requested(), offerMade("msg_offer", BUSINESS, false, OFFER, 0)),
                        accept("msg_accept", REQUESTER, OFFER, HOLD)),
                "holdId");
    }

    @Test
    void businessAcceptNamesRequester() {
        assertInvalidState(
                rejection(givenOffered(), accept("msg_accept", BUSINESS, OFFER, HOLD)), TaskState.OFFERED, "requester");
    }

    @Test
    void acceptWhileNegotiatingIsRejected() {
        assertInvalidState(
                rejection(givenNegotiating(), accept("msg_accept", REQUESTER, "offer_2", HOLD)),
                TaskState.NEGOTIATING,
                null);
    }

    @Test
    void acceptAfterExpiryTimeIsRejected() {
        FixtureConfiguration<Task> late = new AggregateTestFixture<>(Task.class);
        late.registerInjectableResource(Clock.fixed(EXPIRES_AT, ZoneOffset.UTC));

        LedgerException error =
                rejection(late.given(requested(), offerMade()), accept("msg_accept", REQUESTER, OFFER, HOLD));

        assertInvalidState(error, TaskState.EXPIRED, null);
    }

    @Test
    void declineCancelsTask() {
        givenOffered()
                .when(new DeclineOfferCommand(TASK, "msg_decline", REQUESTER, "too expensive"))
                .expectEvents(
                        new OfferDeclinedEvent(TASK, "msg_decline", REQUESTER, BUSINESS, OFFER, "too expensive", NOW));
    }

    @Test
    void declineFromRequestedIsRejected() {
        assertInvalidState(
                rejection(fixture.given(requested()), new DeclineOfferCommand(TASK, "msg_decline", REQUESTER, null)),
                TaskState.REQUESTED,
                null);
    }

    // TASK_UPDATE and INPUT_REQUEST

    @Test
    void businessUpdateStartsWork() {
        givenAccepted()
                .when(new SendTaskUpdateCommand(TASK, "msg_upd", BUSINESS, "started", null))
                .expectEvents(updated("msg_upd", BUSINESS));
    }

    @Test
    void businessUpdateWhileInProgress() {
        givenInProgress()
                .when(new SendTaskUpdateCommand(TASK, "msg_upd2", BUSINESS, "started", null))
                .expectEvents(updated("msg_upd2", BUSINESS));
    }

    @Test
    void businessAsksForInput() {
        givenInProgress()
                .when(new RequestTaskInputCommand(TASK, "msg_ask", BUSINESS, "which roof?", null))
                .expectEvents(inputRequested());
    }

    @Test
    void inputRequestWithoutQuestionIsRejected() {
        assertInvalidField(
                rejection(givenAccepted(), new RequestTaskInputCommand(TASK, "msg_ask", BUSINESS, " ", null)),
                "question");
    }

    @Test
    void requesterAnswersInput() {
        givenInputRequired()
                .when(new SendTaskUpdateCommand(TASK, "msg_answer", REQUESTER, "started", null))
                .expectEvents(updated("msg_answer", REQUESTER));
    }

    @Test
    void requesterUpdateInProgressNamesBusiness() {
        assertInvalidState(
                rejection(givenInProgress(), new SendTaskUpdateCommand(TASK, "msg_x", REQUESTER, "hi", null)),
                TaskState.IN_PROGRESS,
                "business");
    }

    @Test
    void businessUpdateAwaitingInputNamesRequester() {
        assertInvalidState(
                rejection(givenInputRequired(), new SendTaskUpdateCommand(TASK, "msg_x", BUSINESS, "hi", null)),
                TaskState.INPUT_REQUIRED,
                "requester");
    }

    @Test
    void inputRequestAwaitingInputIsRejected() {
        assertInvalidState(
                rejection(givenInputRequired(), new RequestTaskInputCommand(TASK, "msg_x", BUSINESS, "more?", null)),
                TaskState.INPUT_REQUIRED,
                null);
    }

    @Test
    void requesterInputRequestNamesBusiness() {
        assertInvalidState(
                rejection(givenAccepted(), new RequestTaskInputCommand(TASK, "msg_x", REQUESTER, "more?", null)),
                TaskState.ACCEPTED,
                "business");
    }

    @Test
    void updateBeforeContractIsRejected() {
        assertInvalidState(
                rejection(givenOffered(), new SendTaskUpdateCommand(TASK, "msg_x", BUSINESS, "hi", null)),
                TaskState.OFFERED,
                null);
    }

    // TASK_COMPLETE and TASK_FAIL

    @Test
    void completionFromEachContractState() {
        for (Supplier<TestExecutor<Task>> history : underContract()) {
            setUp();
            history.get()
                    .when(complete(BUSINESS, List.of(PROOF)))
                    .expectEvents(completed(PRICE, HOLD))
                    .expectNoScheduledDeadlines();
        }
    }

    @Test
    void completionWithoutProofIsRejected() {
        LedgerException error = rejection(givenInProgress(), complete(BUSINESS, List.of()));

        assertThat(error.code()).isEqualTo(ErrorCode.PROOF_REQUIRED);
    }

    @Test
    void completionWithMalformedProofIdIsRejected() {
        assertInvalidField(rejection(givenInProgress(), complete(BUSINESS, List.of("proof-1"))), "proofIds[0]");
    }

    @Test
    void requesterCompletionNamesBusiness() {
        assertInvalidState(
                rejection(givenInProgress(), complete(REQUESTER, List.of(PROOF))), TaskState.IN_PROGRESS, "business");
    }

    @Test
    void freeCompletionSettlesAtOnce() {
        fixture.given(requested(), offerMade("msg_offer", BUSINESS, false, OFFER, 0), accepted(0, null))
                .when(complete(BUSINESS, List.of(PROOF)))
                .expectEvents(completed(0, null), new TaskSettledEvent(TASK, REQUESTER, BUSINESS, null, 0, NOW));
    }

    @Test
    void businessFailsTask() {
        givenInputRequired()
                .when(new FailTaskCommand(TASK, "msg_fail", BUSINESS, "roof inaccessible"))
                .expectEvents(
                        new TaskFailedEvent(TASK, "msg_fail", REQUESTER, BUSINESS, "roof inaccessible", HOLD, NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void failAfterCompletionIsRejected() {
        assertInvalidState(
                rejection(givenCompleted(), new FailTaskCommand(TASK, "msg_fail", BUSINESS, null)),
                TaskState.COMPLETED,
                null);
    }

    @Test
    void completionAfterDeadlineTimeIsRejected() {
        FixtureConfiguration<Task> late = new AggregateTestFixture<>(Task.class);
        late.registerInjectableResource(Clock.fixed(DEADLINE, ZoneOffset.UTC));

        LedgerException error = rejection(
                late.given(requested(), offerMade(), accepted(PRICE, HOLD)), complete(BUSINESS, List.of(PROOF)));

        assertInvalidState(error, TaskState.EXPIRED, null);
    }

    // TASK_CANCEL

    @Test
    void eitherPartyCancelsOpenTask() {
        fixture.given(requested())
                .when(new CancelTaskCommand(TASK, "msg_cancel", REQUESTER, null))
                .expectEvents(new TaskCancelledEvent(
                        TASK, "msg_cancel", REQUESTER, BUSINESS, REQUESTER, TaskState.REQUESTED, null, null, NOW));
        setUp();
        givenNegotiating()
                .when(new CancelTaskCommand(TASK, "msg_cancel", BUSINESS, null))
                .expectEvents(new TaskCancelledEvent(
                        TASK, "msg_cancel", REQUESTER, BUSINESS, BUSINESS, TaskState.NEGOTIATING, null, null, NOW));
        setUp();
        givenOffered()
                .when(new CancelTaskCommand(TASK, "msg_cancel", REQUESTER, null))
                .expectEvents(new TaskCancelledEvent(
                        TASK, "msg_cancel", REQUESTER, BUSINESS, REQUESTER, TaskState.OFFERED, null, null, NOW));
    }

    @Test
    void cancelUnderContractCarriesHold() {
        List<TaskState> states = List.of(TaskState.ACCEPTED, TaskState.IN_PROGRESS, TaskState.INPUT_REQUIRED);
        for (int i = 0; i < states.size(); i++) {
            setUp();
            underContract()
                    .get(i)
                    .get()
                    .when(new CancelTaskCommand(TASK, "msg_cancel", BUSINESS, "overbooked"))
                    .expectEvents(new TaskCancelledEvent(
                            TASK, "msg_cancel", REQUESTER, BUSINESS, BUSINESS, states.get(i), "overbooked", HOLD, NOW))
                    .expectNoScheduledDeadlines();
        }
    }

    @Test
    void cancelAfterCompletionIsRejected() {
        assertInvalidState(
                rejection(givenCompleted(), new CancelTaskCommand(TASK, "msg_cancel", REQUESTER, null)),
                TaskState.COMPLETED,
                null);
    }

    // TASK_DISPUTE, settlement and resolution

    @Test
    void requesterDisputesCompletedTask() {
        givenCompleted()
                .when(new DisputeTaskCommand(TASK, "msg_dispute", REQUESTER, "roof still leaks"))
                .expectEvents(new TaskDisputedEvent(
                        TASK, "msg_dispute", REQUESTER, BUSINESS, TaskState.COMPLETED, "roof still leaks", NOW));
    }

    @Test
    void requesterDisputesSettledTask() {
        givenCompleted()
                .andGiven(new TaskSettledEvent(TASK, REQUESTER, BUSINESS, HOLD, PRICE, NOW))
                .when(new DisputeTaskCommand(TASK, "msg_dispute", REQUESTER, null))
                .expectEvents(
                        new TaskDisputedEvent(TASK, "msg_dispute", REQUESTER, BUSINESS, TaskState.SETTLED, null, NOW));
    }

    @Test
    void businessDisputeNamesRequester() {
        assertInvalidState(
                rejection(givenCompleted(), new DisputeTaskCommand(TASK, "msg_dispute", BUSINESS, null)),
                TaskState.COMPLETED,
                "requester");
    }

    @Test
    void disputeBeforeCompletionIsRejected() {
        assertInvalidState(
                rejection(givenInProgress(), new DisputeTaskCommand(TASK, "msg_dispute", REQUESTER, null)),
                TaskState.IN_PROGRESS,
                null);
    }

    // idempotency

    @Test
    void repeatedMessageIdIsNoOp() {
        givenOffered().when(offer("msg_offer", BUSINESS, false, OFFER, PRICE)).expectNoEvents();
    }

    @Test
    void repeatedAcceptIsNoOp() {
        givenInProgress().when(accept("msg_accept", REQUESTER, OFFER, HOLD)).expectNoEvents();
    }

    @Test
    void repeatedMessageIdFromStrangerIsNotFound() {
        assertThat(rejection(givenOffered(), offer("msg_offer", STRANGER, false, OFFER, PRICE))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void missingMessageIdIsRejected() {
        assertInvalidField(
                rejection(fixture.given(requested()), new RejectTaskCommand(TASK, null, BUSINESS, null)), "messageId");
    }

    // deadlines

    @Test
    void offerExpires() {
        fixture.givenCurrentTime(NOW)
                .andGiven(requested())
                .andGivenCommands(offer("msg_offer", BUSINESS, false, OFFER, PRICE))
                .whenTimeElapses(Duration.ofHours(2))
                .expectTriggeredDeadlinesWithName(Task.OFFER_EXPIRY)
                .expectEvents(new TaskExpiredEvent(TASK, REQUESTER, BUSINESS, TaskState.OFFERED, null, EXPIRES_AT));
    }

    @Test
    void acceptedOfferDoesNotExpire() {
        fixture.givenCurrentTime(NOW)
                .andGiven(requested())
                .andGivenCommands(
                        offer("msg_offer", BUSINESS, false, OFFER, PRICE), accept("msg_accept", REQUESTER, OFFER, HOLD))
                .whenTimeElapses(Duration.ofHours(2))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(DEADLINE, Task.CONTRACT_DEADLINE);
    }

    @Test
    void counterOfferCancelsOfferExpiry() {
        fixture.givenCurrentTime(NOW)
                .andGiven(requested())
                .andGivenCommands(
                        offer("msg_offer", BUSINESS, false, OFFER, PRICE),
                        offer("msg_counter", REQUESTER, true, "offer_2", 250))
                .whenTimeElapses(Duration.ofHours(2))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void contractDeadlineExpiresWork() {
        fixture.givenCurrentTime(NOW)
                .andGiven(requested())
                .andGivenCommands(
                        offer("msg_offer", BUSINESS, false, OFFER, PRICE),
                        accept("msg_accept", REQUESTER, OFFER, HOLD),
                        new SendTaskUpdateCommand(TASK, "msg_upd", BUSINESS, "started", null))
                .whenTimeElapses(Duration.ofDays(3))
                .expectTriggeredDeadlinesWithName(Task.CONTRACT_DEADLINE)
                .expectEvents(new TaskExpiredEvent(TASK, REQUESTER, BUSINESS, TaskState.IN_PROGRESS, HOLD, DEADLINE));
    }

    @Test
    void completedTaskDoesNotExpire() {
        fixture.givenCurrentTime(NOW)
                .andGiven(requested())
                .andGivenCommands(
                        offer("msg_offer", BUSINESS, false, OFFER, PRICE),
                        accept("msg_accept", REQUESTER, OFFER, HOLD),
                        complete(BUSINESS, List.of(PROOF)))
                .whenTimeElapses(Duration.ofDays(3))
                .expectNoEvents();
    }

    // settlement, resolution and amendments

    private TestExecutor<Task> givenDisputed(boolean settledFirst) {
        TestExecutor<Task> history = givenCompleted();
        if (settledFirst) {
            history = history.andGiven(new TaskSettledEvent(TASK, REQUESTER, BUSINESS, HOLD, PRICE, NOW));
        }
        return history.andGiven(
                new TaskDisputedEvent(TASK, "msg_dispute", REQUESTER, BUSINESS, TaskState.COMPLETED, null, NOW));
    }

    @Test
    void settlementMarksCompletedTaskSettled() {
        givenCompleted()
                .when(new MarkTaskSettledCommand(TASK, HOLD, PRICE))
                .expectEvents(new TaskSettledEvent(TASK, REQUESTER, BUSINESS, HOLD, PRICE, NOW));
    }

    @Test
    void secondSettlementIsNoOp() {
        givenCompleted()
                .andGiven(new TaskSettledEvent(TASK, REQUESTER, BUSINESS, HOLD, PRICE, NOW))
                .when(new MarkTaskSettledCommand(TASK, HOLD, PRICE))
                .expectNoEvents();
    }

    @Test
    void settlementDuringDisputeIsRecorded() {
        givenDisputed(false)
                .when(new MarkTaskSettledCommand(TASK, HOLD, PRICE))
                .expectEvents(new TaskSettledEvent(TASK, REQUESTER, BUSINESS, HOLD, PRICE, NOW));
    }

    @Test
    void settlementBeforeCompletionIsRejected() {
        assertInvalidState(
                rejection(givenInProgress(), new MarkTaskSettledCommand(TASK, HOLD, PRICE)),
                TaskState.IN_PROGRESS,
                null);
    }

    @Test
    void refundBeforeSettlementIsRejected() {
        LedgerException error = rejection(
                givenDisputed(false), new ResolveDisputeCommand(TASK, DisputeResolution.REFUNDED, "leaks", "refund_1"));

        assertInvalidState(error, TaskState.DISPUTED, null);
        assertThat(error.getMessage()).contains("still settling");
    }

    @Test
    void refundAfterSettlementDuringDispute() {
        givenDisputed(false)
                .andGiven(new TaskSettledEvent(TASK, REQUESTER, BUSINESS, HOLD, PRICE, NOW))
                .when(new ResolveDisputeCommand(TASK, DisputeResolution.REFUNDED, "leaks", "refund_1"))
                .expectEvents(new DisputeResolvedEvent(
                        TASK, REQUESTER, BUSINESS, DisputeResolution.REFUNDED, "leaks", PRICE, "refund_1", NOW));
    }

    @Test
    void refundWithoutTransferIdIsRejected() {
        assertInvalidField(
                rejection(
                        givenDisputed(true),
                        new ResolveDisputeCommand(TASK, DisputeResolution.REFUNDED, "leaks", null)),
                "refundTransferId");
    }

    @Test
    void dismissalNeedsNoSettlement() {
        givenDisputed(false)
                .when(new ResolveDisputeCommand(TASK, DisputeResolution.DISMISSED, "works as agreed", null))
                .expectEvents(new DisputeResolvedEvent(
                        TASK, REQUESTER, BUSINESS, DisputeResolution.DISMISSED, "works as agreed", PRICE, null, NOW));
    }

    @Test
    void resolutionWithoutDisputeIsRejected() {
        assertInvalidState(
                rejection(givenCompleted(), new ResolveDisputeCommand(TASK, DisputeResolution.DISMISSED, null, null)),
                TaskState.COMPLETED,
                null);
    }

    @Test
    void secondResolutionIsRejected() {
        TestExecutor<Task> history = givenDisputed(true)
                .andGiven(new DisputeResolvedEvent(
                        TASK, REQUESTER, BUSINESS, DisputeResolution.REFUNDED, null, PRICE, "refund_1", NOW));

        assertInvalidState(
                rejection(history, new ResolveDisputeCommand(TASK, DisputeResolution.REFUNDED, null, "refund_2")),
                TaskState.REFUNDED,
                null);
    }

    private static final Instant AMENDED = DEADLINE.plus(Duration.ofDays(5));

    private static ContractAmendmentProposedEvent proposed(String amendmentId, String by) {
        return new ContractAmendmentProposedEvent(
                TASK, REQUESTER, BUSINESS, amendmentId, by, "two roofs", AMENDED, NOW);
    }

    @Test
    void eitherPartyProposesAmendment() {
        givenInProgress()
                .when(new ProposeAmendmentCommand(TASK, "amd_1", BUSINESS, "two roofs", AMENDED))
                .expectEvents(proposed("amd_1", BUSINESS));
        setUp();
        givenAccepted()
                .when(new ProposeAmendmentCommand(TASK, "amd_1", REQUESTER, "two roofs", AMENDED))
                .expectEvents(proposed("amd_1", REQUESTER));
    }

    @Test
    void otherPartyAcceptsAndDeadlineMoves() {
        givenInProgress()
                .andGiven(proposed("amd_1", BUSINESS))
                .when(new AcceptAmendmentCommand(TASK, "amd_1", REQUESTER))
                .expectEvents(new ContractAmendedEvent(
                        TASK, REQUESTER, BUSINESS, "amd_1", REQUESTER, "two roofs", AMENDED, NOW))
                .expectScheduledDeadlineWithName(AMENDED, Task.CONTRACT_DEADLINE);
    }

    @Test
    void proposerCannotAcceptOwnAmendment() {
        assertInvalidState(
                rejection(
                        givenInProgress().andGiven(proposed("amd_1", BUSINESS)),
                        new AcceptAmendmentCommand(TASK, "amd_1", BUSINESS)),
                TaskState.IN_PROGRESS,
                "requester");
    }

    @Test
    void replacedAmendmentCannotBeAccepted() {
        TestExecutor<Task> history =
                givenInProgress().andGiven(proposed("amd_1", BUSINESS), proposed("amd_2", REQUESTER));

        assertInvalidField(rejection(history, new AcceptAmendmentCommand(TASK, "amd_1", REQUESTER)), "amendmentId");
    }

    @Test
    void acceptedAmendmentRepeatedIsNoOp() {
        givenInProgress()
                .andGiven(
                        proposed("amd_1", BUSINESS),
                        new ContractAmendedEvent(
                                TASK, REQUESTER, BUSINESS, "amd_1", REQUESTER, "two roofs", AMENDED, NOW))
                .when(new AcceptAmendmentCommand(TASK, "amd_1", REQUESTER))
                .expectNoEvents();
    }

    @Test
    void amendmentOutsideContractIsRejected() {
        assertInvalidState(
                rejection(givenCompleted(), new ProposeAmendmentCommand(TASK, "amd_1", BUSINESS, "x", null)),
                TaskState.COMPLETED,
                null);
    }

    @Test
    void amendmentBeyondMaximumIsRejected() {
        Instant late = NOW.plus(TaskOffer.MAX_CONTRACT_DURATION).plusSeconds(1);

        assertInvalidField(
                rejection(givenInProgress(), new ProposeAmendmentCommand(TASK, "amd_1", BUSINESS, null, late)),
                "deadline");
    }

    @Test
    void emptyAmendmentIsRejected() {
        assertInvalidField(
                rejection(givenInProgress(), new ProposeAmendmentCommand(TASK, "amd_1", BUSINESS, " ", null)), "terms");
    }

    @Test
    void amendedDeadlineExpiresTask() {
        fixture.givenCurrentTime(NOW)
                .andGiven(requested())
                .andGivenCommands(
                        offer("msg_offer", BUSINESS, false, OFFER, PRICE),
                        accept("msg_accept", REQUESTER, OFFER, HOLD),
                        new ProposeAmendmentCommand(TASK, "amd_1", BUSINESS, null, AMENDED),
                        new AcceptAmendmentCommand(TASK, "amd_1", REQUESTER))
                .whenTimeElapses(Duration.ofDays(3))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(AMENDED, Task.CONTRACT_DEADLINE);
    }
}
