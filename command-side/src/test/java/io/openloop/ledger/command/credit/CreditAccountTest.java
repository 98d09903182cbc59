package io.openloop.ledger.command.credit;

import static io.openloop.ledger.command.credit.CreditFixtures.ACCOUNT_ID;
import static io.openloop.ledger.command.credit.CreditFixtures.EXPIRES_AT;
import static io.openloop.ledger.command.credit.CreditFixtures.LOOP_ID;
import static io.openloop.ledger.command.credit.CreditFixtures.NOW;
import static io.openloop.ledger.command.credit.CreditFixtures.OTHER_ACCOUNT_ID;
import static io.openloop.ledger.command.credit.CreditFixtures.THIRD_ACCOUNT_ID;
import static io.openloop.ledger.command.credit.CreditFixtures.granted;
import static io.openloop.ledger.command.credit.CreditFixtures.held;
import static io.openloop.ledger.command.credit.CreditFixtures.opened;
import static io.openloop.ledger.command.credit.CreditFixtures.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.credit.CaptureHoldCommand;
import io.openloop.ledger.messages.credit.CreditAccountOpenedEvent;
import io.openloop.ledger.messages.credit.CreditAmounts;
import io.openloop.ledger.messages.credit.CreditBalance;
import io.openloop.ledger.messages.credit.CreditsGrantedEvent;
import io.openloop.ledger.messages.credit.CreditsReceivedEvent;
import io.openloop.ledger.messages.credit.CreditsTransferredEvent;
import io.openloop.ledger.messages.credit.GrantCreditsCommand;
import io.openloop.ledger.messages.credit.HoldCapturedEvent;
import io.openloop.ledger.messages.credit.HoldExpiryScheduledEvent;
import io.openloop.ledger.messages.credit.HoldReleasedEvent;
import io.openloop.ledger.messages.credit.OpenCreditAccountCommand;
import io.openloop.ledger.messages.credit.PlaceHoldCommand;
import io.openloop.ledger.messages.credit.ReceiveCreditsCommand;
import io.openloop.ledger.messages.credit.ReleaseHoldCommand;
import io.openloop.ledger.messages.credit.TransferCreditsCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.CustomMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreditAccountTest {

    private FixtureConfiguration<CreditAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = CreditFixtures.fixture();
    }

    /** Returns an open account with {@code balance} credits from one grant, at the fixture's current time. */
    private TestExecutor<CreditAccount> accountWith(long balance) {
        return fixture.givenCurrentTime(NOW).andGiven(opened(), granted("g1", balance, balance));
    }

    /**
     * Returns an account with 100 credits and an open hold h1 of 40, placed through commands so that its deadline is
     * scheduled.
     */
    private TestExecutor<CreditAccount> accountWithScheduledHold() {
        return fixture.givenCurrentTime(NOW)
                .andGivenCommands(
                        new OpenCreditAccountCommand(ACCOUNT_ID, LOOP_ID, 100),
                        new PlaceHoldCommand(ACCOUNT_ID, "h1", 40, EXPIRES_AT, "inv_1"));
    }

    @Test
    void openingGrantsThePlansCredits() {
        fixture.givenNoPriorActivity()
                .when(new OpenCreditAccountCommand(ACCOUNT_ID, LOOP_ID, 1_000))
                .expectEvents(
                        new CreditAccountOpenedEvent(ACCOUNT_ID, LOOP_ID, NOW),
                        new CreditsGrantedEvent(ACCOUNT_ID, "opening", 1_000, "opening grant", 1_000, NOW))
                .expectResultMessagePayload(new CreditBalance(ACCOUNT_ID, 1_000, 0, 1_000, 0));
    }

    @Test
    void openingAtZeroGrantsNothing() {
        fixture.givenNoPriorActivity()
                .when(new OpenCreditAccountCommand(ACCOUNT_ID, LOOP_ID, 0))
                .expectEvents(new CreditAccountOpenedEvent(ACCOUNT_ID, LOOP_ID, NOW))
                .expectResultMessagePayload(new CreditBalance(ACCOUNT_ID, 0, 0, 0, 0));
    }

    @Test
    void openingTwiceIsInvalidState() {
        LedgerException error =
                rejection(fixture.given(opened()), new OpenCreditAccountCommand(ACCOUNT_ID, LOOP_ID, 1_000));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "OPEN");
    }

    @Test
    void grantAddsToBalance() {
        accountWith(100)
                .when(new GrantCreditsCommand(ACCOUNT_ID, "g2", 50, "bonus"))
                .expectEvents(new CreditsGrantedEvent(ACCOUNT_ID, "g2", 50, "bonus", 150, NOW))
                .expectResultMessagePayload(new CreditBalance(ACCOUNT_ID, 150, 0, 150, 0));
    }

    @Test
    void grantPastLargestBalanceIsRejected() {
        LedgerException error = rejection(
                accountWith(CreditAmounts.MAX_AMOUNT - 5), new GrantCreditsCommand(ACCOUNT_ID, "g2", 6, "too much"));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(error.details()).containsKey("fields");
    }

    @Test
    void grantUpToLargestBalanceIsAccepted() {
        accountWith(CreditAmounts.MAX_AMOUNT - 5)
                .when(new GrantCreditsCommand(ACCOUNT_ID, "g2", 5, "exactly"))
                .expectEvents(new CreditsGrantedEvent(ACCOUNT_ID, "g2", 5, "exactly", CreditAmounts.MAX_AMOUNT, NOW));
    }

    @Test
    void grantAboveMaxAmountNamesAmount() {
        LedgerException error = rejection(
                accountWith(0), new GrantCreditsCommand(ACCOUNT_ID, "g2", CreditAmounts.MAX_AMOUNT + 2, "too much"));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fieldsOf(error)).containsOnlyKeys("amount");
    }

    @Test
    void openingGrantAboveMaxAmountIsRejected() {
        LedgerException error = rejection(
                fixture.givenNoPriorActivity(),
                new OpenCreditAccountCommand(ACCOUNT_ID, LOOP_ID, CreditAmounts.MAX_AMOUNT + 1));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fieldsOf(error)).containsOnlyKeys("openingGrant");
    }

    @Test
    void transferAboveMaxAmountNamesAmount() {
        LedgerException error = rejection(
                accountWith(100), new TransferCreditsCommand(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, Long.MAX_VALUE, null));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fieldsOf(error)).containsOnlyKeys("amount");
    }

    @Test
    void holdAboveMaxAmountNamesAmount() {
        LedgerException error = rejection(
                accountWith(100),
                new PlaceHoldCommand(ACCOUNT_ID, "h1", CreditAmounts.MAX_AMOUNT + 1, EXPIRES_AT, "inv_1"));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fieldsOf(error)).containsOnlyKeys("amount");
    }

    @Test
    void receiveAboveMaxAmountNamesAmount() {
        LedgerException error = rejection(
                accountWith(0),
                new ReceiveCreditsCommand(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, CreditAmounts.MAX_AMOUNT + 1));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fieldsOf(error)).containsOnlyKeys("amount");
    }

    @Test
    void grantOfZeroIsRejected() {
        LedgerException error = rejection(accountWith(100), new GrantCreditsCommand(ACCOUNT_ID, "g2", 0, "none"));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void reusedGrantIdIsInvalidState() {
        LedgerException error = rejection(accountWith(100), new GrantCreditsCommand(ACCOUNT_ID, "g1", 5, "again"));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("grantId", "g1");
    }

    @Test
    void transferMovesAvailableCredits() {
        accountWith(100)
                .when(new TransferCreditsCommand(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 30, "for the agent"))
                .expectEvents(
                        new CreditsTransferredEvent(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 30, "for the agent", 70, NOW))
                .expectResultMessagePayload(new CreditBalance(ACCOUNT_ID, 70, 0, 70, 30));
    }

    @Test
    void transferBeyondAvailableIsInsufficientCredits() {
        LedgerException error =
                rejection(accountWith(100), new TransferCreditsCommand(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 101, null));

        assertThat(error.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
        assertThat(error.details()).containsEntry("required", 101L);
        assertThat(error.details()).containsEntry("available", 100L);
    }

    @Test
    void transferCannotSpendHeldCredits() {
        LedgerException error = rejection(
                accountWith(100).andGiven(held("h1", 80, 20)),
                new TransferCreditsCommand(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 21, null));

        assertThat(error.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
        assertThat(error.details()).containsEntry("available", 20L);
    }

    @Test
    void transferToSameAccountIsRejected() {
        LedgerException error =
                rejection(accountWith(100), new TransferCreditsCommand(ACCOUNT_ID, "t1", ACCOUNT_ID, 10, null));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void reusedTransferIdIsInvalidState() {
        LedgerException error = rejection(
                accountWith(100)
                        .andGiven(new CreditsTransferredEvent(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 10, null, 90, NOW)),
                new TransferCreditsCommand(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 10, null));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
    }

    @Test
    void holdReservesCreditsAndSchedulesExpiry() {
        accountWith(100)
                .when(new PlaceHoldCommand(ACCOUNT_ID, "h1", 40, EXPIRES_AT, "inv_1"))
                .expectEventsMatching(payloads(
                        held("h1", 40, 60),
                        new HoldExpiryScheduledEvent(ACCOUNT_ID, "h1", "any schedule id", EXPIRES_AT)))
                .expectScheduledDeadlineWithName(EXPIRES_AT, CreditAccount.HOLD_EXPIRY)
                .expectResultMessagePayload(new CreditBalance(ACCOUNT_ID, 100, 40, 60, 0));
    }

    @Test
    void holdBeyondAvailableIsInsufficientCredits() {
        LedgerException error = rejection(
                accountWith(100).andGiven(held("h1", 70, 30)),
                new PlaceHoldCommand(ACCOUNT_ID, "h2", 31, EXPIRES_AT, "inv_2"));

        assertThat(error.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
        assertThat(error.details()).containsEntry("required", 31L);
        assertThat(error.details()).containsEntry("available", 30L);
    }

    @Test
    void holdExpiringInThePastIsRejected() {
        LedgerException error =
                rejection(accountWith(100), new PlaceHoldCommand(ACCOUNT_ID, "h1", 10, NOW.minusSeconds(1), "inv_1"));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void reusedHoldIdIsInvalidState() {
        LedgerException error = rejection(
                accountWith(100).andGiven(held("h1", 10, 90)),
                new PlaceHoldCommand(ACCOUNT_ID, "h1", 10, EXPIRES_AT, "inv_2"));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
    }

    @Test
    void fullCaptureChargesTheWholeHold() {
        accountWith(100)
                .andGiven(held("h1", 40, 60))
                .when(new CaptureHoldCommand(ACCOUNT_ID, "h1", 40, OTHER_ACCOUNT_ID))
                .expectEvents(new HoldCapturedEvent(ACCOUNT_ID, "h1", 40, 0, OTHER_ACCOUNT_ID, "inv_1", 60, 60, NOW))
                .expectResultMessagePayload(new CreditBalance(ACCOUNT_ID, 60, 0, 60, 40));
    }

    @Test
    void partialCaptureReleasesTheRest() {
        accountWith(100)
                .andGiven(held("h1", 40, 60), held("h2", 10, 50))
                .when(new CaptureHoldCommand(ACCOUNT_ID, "h1", 25, OTHER_ACCOUNT_ID))
                .expectEvents(new HoldCapturedEvent(ACCOUNT_ID, "h1", 25, 15, OTHER_ACCOUNT_ID, "inv_1", 75, 65, NOW))
                .expectResultMessagePayload(new CreditBalance(ACCOUNT_ID, 75, 10, 65, 25));
    }

    @Test
    void captureAboveTheHoldIsRejected() {
        LedgerException error = rejection(
                accountWith(100).andGiven(held("h1", 40, 60)),
                new CaptureHoldCommand(ACCOUNT_ID, "h1", 41, OTHER_ACCOUNT_ID));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void doubleCaptureIsInvalidStateCaptured() {
        LedgerException error = rejection(
                accountWith(100)
                        .andGiven(
                                held("h1", 40, 60),
                                new HoldCapturedEvent(ACCOUNT_ID, "h1", 40, 0, OTHER_ACCOUNT_ID, "inv_1", 60, 60, NOW)),
                new CaptureHoldCommand(ACCOUNT_ID, "h1", 40, OTHER_ACCOUNT_ID));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "CAPTURED");
    }

    @Test
    void releaseAfterCaptureIsInvalidStateCaptured() {
        LedgerException error = rejection(
                accountWith(100)
                        .andGiven(
                                held("h1", 40, 60),
                                new HoldCapturedEvent(ACCOUNT_ID, "h1", 40, 0, OTHER_ACCOUNT_ID, "inv_1", 60, 60, NOW)),
                new ReleaseHoldCommand(ACCOUNT_ID, "h1", "late"));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "CAPTURED");
    }

    @Test
    void captureAfterReleaseIsInvalidStateReleased() {
        LedgerException error = rejection(
                accountWith(100)
                        .andGiven(
                                held("h1", 40, 60),
                                new HoldReleasedEvent(ACCOUNT_ID, "h1", 40, "inv_1", false, "failed", 100, NOW)),
                new CaptureHoldCommand(ACCOUNT_ID, "h1", 40, OTHER_ACCOUNT_ID));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "RELEASED");
    }

    @Test
    void captureAfterExpiryIsInvalidStateExpired() {
        LedgerException error = rejection(
                accountWith(100)
                        .andGiven(
                                held("h1", 40, 60),
                                new HoldReleasedEvent(ACCOUNT_ID, "h1", 40, "inv_1", true, "expired", 100, NOW)),
                new CaptureHoldCommand(ACCOUNT_ID, "h1", 40, OTHER_ACCOUNT_ID));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "EXPIRED");
    }

    @Test
    void unknownHoldIsNotFound() {
        LedgerException error =
                rejection(accountWith(100), new CaptureHoldCommand(ACCOUNT_ID, "nope", 1, OTHER_ACCOUNT_ID));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(error.details()).containsEntry("holdId", "nope");
    }

    @Test
    void releaseReturnsTheHoldToAvailable() {
        accountWith(100)
                .andGiven(held("h1", 40, 60))
                .when(new ReleaseHoldCommand(ACCOUNT_ID, "h1", "tool failed"))
                .expectEvents(new HoldReleasedEvent(ACCOUNT_ID, "h1", 40, "inv_1", false, "tool failed", 100, NOW))
                .expectResultMessagePayload(new CreditBalance(ACCOUNT_ID, 100, 0, 100, 0));
    }

    @Test
    void expiredHoldIsReleasedWhenItsDeadlinePasses() {
        accountWithScheduledHold()
                .whenTimeElapses(Duration.ofMinutes(11))
                .expectEvents(new HoldReleasedEvent(ACCOUNT_ID, "h1", 40, "inv_1", true, "expired", 100, EXPIRES_AT));
    }

    @Test
    void holdIsNotReleasedBeforeItsDeadline() {
        accountWithScheduledHold().whenTimeElapses(Duration.ofMinutes(9)).expectNoEvents();
    }

    @Test
    void captureCancelsTheExpiryDeadline() {
        accountWithScheduledHold()
                .when(new CaptureHoldCommand(ACCOUNT_ID, "h1", 40, OTHER_ACCOUNT_ID))
                .expectNoScheduledDeadlines();
    }

    @Test
    void releaseCancelsTheExpiryDeadline() {
        accountWithScheduledHold()
                .when(new ReleaseHoldCommand(ACCOUNT_ID, "h1", null))
                .expectNoScheduledDeadlines();
    }

    @Test
    void lateExpiryAfterCaptureChangesNothing() {
        // The capture is given as an event, so the deadline stays scheduled as if its cancellation lost a race.
        accountWithScheduledHold()
                .andGiven(new HoldCapturedEvent(ACCOUNT_ID, "h1", 40, 0, OTHER_ACCOUNT_ID, "inv_1", 60, 60, NOW))
                .whenTimeElapses(Duration.ofMinutes(11))
                .expectTriggeredDeadlinesWithName(CreditAccount.HOLD_EXPIRY)
                .expectNoEvents();
    }

    @Test
    void receiveAddsToBalance() {
        accountWith(100)
                .when(new ReceiveCreditsCommand(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 30))
                .expectEvents(new CreditsReceivedEvent(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 30, 130, NOW))
                .expectResultMessagePayload(new CreditBalance(ACCOUNT_ID, 130, 0, 130, 0));
    }

    @Test
    void receivingTheSameTransferTwiceChangesNothing() {
        accountWith(100)
                .andGiven(new CreditsReceivedEvent(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 30, 130, NOW))
                .when(new ReceiveCreditsCommand(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 30))
                .expectNoEvents()
                .expectResultMessagePayload(new CreditBalance(ACCOUNT_ID, 130, 0, 130, 0));
    }

    @Test
    void sameTransferIdFromAnotherAccountIsReceived() {
        accountWith(100)
                .andGiven(new CreditsReceivedEvent(ACCOUNT_ID, "h1", OTHER_ACCOUNT_ID, 30, 130, NOW))
                .when(new ReceiveCreditsCommand(ACCOUNT_ID, "h1", THIRD_ACCOUNT_ID, 5))
                .expectEvents(new CreditsReceivedEvent(ACCOUNT_ID, "h1", THIRD_ACCOUNT_ID, 5, 135, NOW));
    }

    @Test
    void receivePastLargestBalanceIsRejected() {
        LedgerException error = rejection(
                accountWith(CreditAmounts.MAX_AMOUNT),
                new ReceiveCreditsCommand(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 1));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void rejectionNamesTheFailingField() {
        LedgerException error =
                rejection(accountWith(100), new TransferCreditsCommand(ACCOUNT_ID, "t1", "acct_bad", 10, null));

        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) error.details().get("fields");

        assertThat(fields).containsKey("toAccountId");
    }

    /**
     * Matches events by payload, in order, comparing a {@link HoldExpiryScheduledEvent} without its schedule id, which
     * the deadline manager generates.
     */
    private static CustomMatcher<List<EventMessage<?>>> payloads(Object... expected) {
        return new CustomMatcher<>("events with payloads " + List.of(expected)) {
            @Override
            public boolean matches(Object item) {
                List<Object> actual = new ArrayList<>();
                for (Object message : (List<?>) item) {
                    Object payload = ((EventMessage<?>) message).getPayload();
                    actual.add(
                            payload instanceof HoldExpiryScheduledEvent scheduled
                                    ? new HoldExpiryScheduledEvent(
                                            scheduled.accountId(),
                                            scheduled.holdId(),
                                            "any schedule id",
                                            scheduled.expiresAt())
                                    : payload);
                }
                return actual.equals(List.of(expected));
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldsOf(LedgerException error) {
        return (Map<String, Object>) error.details().get("fields");
    }
}
