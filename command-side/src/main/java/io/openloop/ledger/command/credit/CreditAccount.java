package io.openloop.ledger.command.credit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.openloop.ledger.messages.credit.CaptureHoldCommand;
import io.openloop.ledger.messages.credit.CreditAccountOpenedEvent;
import io.openloop.ledger.messages.credit.CreditBalance;
import io.openloop.ledger.messages.credit.CreditsGrantedEvent;
import io.openloop.ledger.messages.credit.CreditsHeldEvent;
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
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A loop's credit account: decides its balance and holds. Amounts are whole credits; every sum is checked for
 * overflow, the available balance ({@code balance - held}) never goes negative, and each hold is resolved once, by a
 * capture, a release or its expiry deadline.
 *
 * <p>Grant, transfer and hold ids are unique per account. Credits received are deduplicated by sending account and
 * transfer id, so a forwarder that delivers a transfer twice changes the balance once. Fields are serialized directly
 * so that snapshots hold the whole state.
 */
@Aggregate(snapshotTriggerDefinition = "creditAccountSnapshotTrigger")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class CreditAccount {

    static final String HOLD_EXPIRY = "hold-expiry";
    static final String OPENING_GRANT_ID = "opening";
    static final String OPENING_GRANT_REASON = "opening grant";

    @AggregateIdentifier
    private String accountId;

    private String loopId;
    private long balance;
    private long held;
    private Map<String, CreditHold> holds = new LinkedHashMap<>();
    private Set<String> grantIds = new HashSet<>();
    private Set<String> transferIds = new HashSet<>();
    private Set<String> receivedTransfers = new HashSet<>();

    CreditAccount() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CreditBalance handle(OpenCreditAccountCommand command, Clock clock) {
        if (accountId != null) {
            throw CreditErrors.accountExists(accountId);
        }
        if (command.openingGrant() < 0) {
            throw CreditErrors.invalidField(
                    "openingGrant", "openingGrant must be 0 or more credits, got " + command.openingGrant());
        }
        CreditRules.requireAtMostMax(command.openingGrant(), "openingGrant");
        Instant now = clock.instant();

        apply(new CreditAccountOpenedEvent(command.accountId(), command.loopId(), now));
        if (command.openingGrant() > 0) {
            apply(new CreditsGrantedEvent(
                    command.accountId(),
                    OPENING_GRANT_ID,
                    command.openingGrant(),
                    OPENING_GRANT_REASON,
                    command.openingGrant(),
                    now));
        }
        return figures(0);
    }

    @CommandHandler
    CreditBalance handle(GrantCreditsCommand command, Clock clock) {
        String grantId = CreditRules.requireId(command.grantId(), "grantId");
        long amount = CreditRules.requirePositive(command.amount(), "amount");
        if (grantIds.contains(grantId)) {
            throw CreditErrors.idUsed(accountId, "grantId", grantId);
        }
        long balanceAfter = CreditRules.add(accountId, "amount", balance, amount);

        apply(new CreditsGrantedEvent(accountId, grantId, amount, command.reason(), balanceAfter, clock.instant()));
        return figures(0);
    }

    @CommandHandler
    CreditBalance handle(TransferCreditsCommand command, Clock clock) {
        String transferId = CreditRules.requireId(command.transferId(), "transferId");
        long amount = CreditRules.requirePositive(command.amount(), "amount");
        String to = CreditRules.requireOtherAccount(command.toAccountId(), accountId, "toAccountId");
        if (transferIds.contains(transferId)) {
            throw CreditErrors.idUsed(accountId, "transferId", transferId);
        }
        requireAvailable(amount);

        apply(new CreditsTransferredEvent(
                accountId, transferId, to, amount, command.memo(), balance - amount, clock.instant()));
        return figures(amount);
    }

    @CommandHandler
    CreditBalance handle(ReceiveCreditsCommand command, Clock clock) {
        String transferId = CreditRules.requireId(command.transferId(), "transferId");
        long amount = CreditRules.requirePositive(command.amount(), "amount");
        String from = CreditRules.requireOtherAccount(command.fromAccountId(), accountId, "fromAccountId");
        if (receivedTransfers.contains(receiptKey(from, transferId))) {
            return figures(0);
        }
        long balanceAfter = CreditRules.add(accountId, "amount", balance, amount);

        apply(new CreditsReceivedEvent(accountId, transferId, from, amount, balanceAfter, clock.instant()));
        return figures(0);
    }

    @CommandHandler
    CreditBalance handle(PlaceHoldCommand command, Clock clock, DeadlineManager deadlines) {
        String holdId = CreditRules.requireId(command.holdId(), "holdId");
        long amount = CreditRules.requirePositive(command.amount(), "amount");
        Instant now = clock.instant();
        if (command.expiresAt() == null || !command.expiresAt().isAfter(now)) {
            throw CreditErrors.invalidField(
                    "expiresAt", "expiresAt must be a time after now (" + now + "), got " + command.expiresAt());
        }
        if (holds.containsKey(holdId)) {
            throw CreditErrors.idUsed(accountId, "holdId", holdId);
        }
        requireAvailable(amount);

        apply(new CreditsHeldEvent(
                accountId, holdId, amount, command.subjectId(), command.expiresAt(), available() - amount, now));
        String scheduleId = deadlines.schedule(command.expiresAt(), HOLD_EXPIRY, holdId);
        apply(new HoldExpiryScheduledEvent(accountId, holdId, scheduleId, command.expiresAt()));
        return figures(0);
    }

    @CommandHandler
    CreditBalance handle(CaptureHoldCommand command, Clock clock, DeadlineManager deadlines) {
        CreditHold hold = openHold(command.holdId());
        long captured = command.amount();
        if (captured < 0 || captured > hold.amount()) {
            throw CreditErrors.invalidField(
                    "amount",
                    "amount must be between 0 and the " + hold.amount() + " credits held by hold " + hold.holdId()
                            + ", got " + captured);
        }
        String payee = captured == 0 && command.payeeAccountId() == null
                ? null
                : CreditRules.requireOtherAccount(command.payeeAccountId(), accountId, "payeeAccountId");
        long balanceAfter = balance - captured;
        long availableAfter = balanceAfter - (held - hold.amount());

        cancelExpiry(hold, deadlines);
        apply(new HoldCapturedEvent(
                accountId,
                hold.holdId(),
                captured,
                hold.amount() - captured,
                payee,
                hold.subjectId(),
                balanceAfter,
                availableAfter,
                clock.instant()));
        return figures(captured);
    }

    @CommandHandler
    CreditBalance handle(ReleaseHoldCommand command, Clock clock, DeadlineManager deadlines) {
        CreditHold hold = openHold(command.holdId());

        cancelExpiry(hold, deadlines);
        apply(new HoldReleasedEvent(
                accountId,
                hold.holdId(),
                hold.amount(),
                hold.subjectId(),
                false,
                command.reason(),
                available() + hold.amount(),
                clock.instant()));
        return figures(0);
    }

    /**
     * Releases a hold whose deadline passed. A deadline that fires after the hold was captured or released changes
     * nothing, since cancelling a schedule can lose the race with its firing.
     */
    @DeadlineHandler(deadlineName = HOLD_EXPIRY)
    void expire(String holdId) {
        CreditHold hold = holds.get(holdId);
        if (hold == null || !hold.isOpen()) {
            return;
        }

        apply(new HoldReleasedEvent(
                accountId,
                holdId,
                hold.amount(),
                hold.subjectId(),
                true,
                "expired",
                available() + hold.amount(),
                hold.expiresAt()));
    }

    private CreditHold openHold(String holdId) {
        CreditHold hold = holdId == null ? null : holds.get(holdId);
        if (hold == null) {
            throw CreditErrors.holdNotFound(accountId, holdId);
        }
        if (!hold.isOpen()) {
            throw CreditErrors.holdResolved(accountId, holdId, hold.state());
        }
        return hold;
    }

    private static void cancelExpiry(CreditHold hold, DeadlineManager deadlines) {
        if (hold.scheduleId() != null) {
            deadlines.cancelSchedule(HOLD_EXPIRY, hold.scheduleId());
        }
    }

    private void requireAvailable(long amount) {
        if (amount > available()) {
            throw CreditErrors.insufficient(accountId, amount, available());
        }
    }

    private long available() {
        return balance - held;
    }

    private CreditBalance figures(long charged) {
        return new CreditBalance(accountId, balance, held, available(), charged);
    }

    private static String receiptKey(String fromAccountId, String transferId) {
        return fromAccountId + "/" + transferId;
    }

    @EventSourcingHandler
    void on(CreditAccountOpenedEvent event) {
        accountId = event.accountId();
        loopId = event.loopId();
    }

    @EventSourcingHandler
    void on(CreditsGrantedEvent event) {
        grantIds.add(event.grantId());
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(CreditsTransferredEvent event) {
        transferIds.add(event.transferId());
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(CreditsReceivedEvent event) {
        receivedTransfers.add(receiptKey(event.fromAccountId(), event.transferId()));
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(CreditsHeldEvent event) {
        holds.put(
                event.holdId(),
                new CreditHold(
                        event.holdId(), event.amount(), event.subjectId(), event.expiresAt(), HoldState.OPEN, null));
        held += event.amount();
    }

    @EventSourcingHandler
    void on(HoldExpiryScheduledEvent event) {
        holds.computeIfPresent(event.holdId(), (id, hold) -> hold.withScheduleId(event.scheduleId()));
    }

    @EventSourcingHandler
    void on(HoldCapturedEvent event) {
        CreditHold hold = holds.get(event.holdId());
        holds.put(event.holdId(), hold.withState(HoldState.CAPTURED));
        held -= hold.amount();
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(HoldReleasedEvent event) {
        CreditHold hold = holds.get(event.holdId());
        holds.put(event.holdId(), hold.withState(event.expired() ? HoldState.EXPIRED : HoldState.RELEASED));
        held -= hold.amount();
    }
}
