package io.openloop.ledger.command.credit;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.credit.CaptureHoldCommand;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditBalance;
import io.openloop.ledger.messages.credit.CreditsTransferredEvent;
import io.openloop.ledger.messages.credit.GrantCreditsCommand;
import io.openloop.ledger.messages.credit.HoldCapturedEvent;
import io.openloop.ledger.messages.credit.OpenCreditAccountCommand;
import io.openloop.ledger.messages.credit.PlaceHoldCommand;
import io.openloop.ledger.messages.credit.ReceiveCreditsCommand;
import io.openloop.ledger.messages.credit.ReleaseHoldCommand;
import io.openloop.ledger.messages.credit.TransferCreditsCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random sequences, replayable from their seeds, of grants, holds, captures, releases, transfers and (possibly
 * repeated) deliveries of sent credits, run against CreditAccount aggregates on an in-memory Axon configuration. After
 * every step, a double-entry fold of all stored events must sum to zero, show no negative available balance and no
 * hold resolved twice, and agree with the figures the aggregate returned.
 */
class CreditLedgerProperties {

    private static final int ACCOUNTS = 3;
    private static final long[] OPENING_GRANTS = {0, 100, 1_000};
    private static final Set<ErrorCode> EXPECTED_REJECTIONS =
            Set.of(ErrorCode.INSUFFICIENT_CREDITS, ErrorCode.INVALID_STATE);

    enum Kind {
        GRANT,
        TRANSFER,
        HOLD,
        CAPTURE,
        RELEASE,
        DELIVER
    }

    /** One random step; {@code first}, {@code second} and {@code amount} are interpreted against the state. */
    record Step(Kind kind, int first, int second, long amount) {}

    /** A movement sent and not necessarily landed: a transfer or a capture, with the hold id as transfer id. */
    record Sent(String from, String to, String transferId, long amount) {}

    /** Returns the seeds of the random sequences. A failing run names its seed, which replays the same steps. */
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 150);
    }

    static List<Step> steps(long seed) {
        Random random = new Random(seed);
        int length = 1 + random.nextInt(60);
        List<Step> steps = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            steps.add(new Step(
                    Kind.values()[random.nextInt(Kind.values().length)],
                    random.nextInt(51),
                    random.nextInt(51),
                    random.nextInt(1_201)));
        }
        return steps;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void ledgerStaysBalanced(long seed) {
        List<Step> steps = steps(seed);
        Configuration axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(config -> new InMemoryEventStorageEngine())
                .configureAggregate(CreditAccount.class)
                .registerComponent(Clock.class, config -> Clock.systemUTC())
                .buildConfiguration();
        axon.start();
        try {
            run(axon, steps);
        } finally {
            axon.shutdown();
        }
    }

    private void run(Configuration axon, List<Step> steps) {
        CommandGateway commands = axon.commandGateway();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String loopId = Ids.newId(Ids.LOOP);
            accounts.add(CreditAccounts.accountIdOf(loopId));
            commands.sendAndWait(new OpenCreditAccountCommand(accounts.get(i), loopId, OPENING_GRANTS[i]));
        }
        List<String[]> holds = new ArrayList<>();
        List<Sent> sent = new ArrayList<>();
        int counter = 0;

        for (Step step : steps) {
            String account = accounts.get(step.first() % ACCOUNTS);
            String other = accounts.get((step.first() + 1 + step.second() % (ACCOUNTS - 1)) % ACCOUNTS);
            String id = "id" + counter++;
            Object command = switch (step.kind()) {
                case GRANT -> new GrantCreditsCommand(account, id, step.amount() + 1, "property");
                case TRANSFER -> new TransferCreditsCommand(account, id, other, step.amount() + 1, null);
                case HOLD ->
                    new PlaceHoldCommand(
                            account, id, step.amount() + 1, Instant.now().plus(Duration.ofHours(1)), "inv");
                case CAPTURE -> capture(holds, step, other);
                case RELEASE -> release(holds, step);
                case DELIVER -> deliver(sent, step);
            };
            if (command == null) {
                continue;
            }
            boolean accepted = send(commands, command);
            if (accepted && command instanceof PlaceHoldCommand hold) {
                holds.add(new String[] {hold.accountId(), hold.holdId()});
            }
            List<Object> events = events(axon, accounts);
            recordSent(events, sent);
            check(events);
        }

        // Once every movement has landed, nothing is left in transit.
        for (Sent movement : sent) {
            send(
                    commands,
                    new ReceiveCreditsCommand(
                            movement.to(), movement.transferId(), movement.from(), movement.amount()));
        }
        LedgerFold fold = check(events(axon, accounts));
        assertThat(fold.balance(CreditAccounts.IN_TRANSIT)).isZero();
        for (String account : accounts) {
            CreditBalance figures = commands.sendAndWait(new ReceiveCreditsCommand(
                    account, "probe", accounts.get((accounts.indexOf(account) + 1) % ACCOUNTS), 1));
            assertThat(figures.balance()).isEqualTo(fold.balance(account) + 1);
            assertThat(figures.available()).isEqualTo(fold.available(account) + 1);
        }
    }

    private static Object capture(List<String[]> holds, Step step, String payee) {
        if (holds.isEmpty()) {
            return null;
        }
        String[] hold = holds.get(step.second() % holds.size());
        String to = payee.equals(hold[0]) ? null : payee;
        long amount = to == null ? 0 : step.amount() % 50;
        return new CaptureHoldCommand(hold[0], hold[1], amount, to);
    }

    private static Object release(List<String[]> holds, Step step) {
        if (holds.isEmpty()) {
            return null;
        }
        String[] hold = holds.get(step.second() % holds.size());
        return new ReleaseHoldCommand(hold[0], hold[1], "property");
    }

    /** Delivers any sent movement, landed or not, so repeated deliveries are exercised too. */
    private static Object deliver(List<Sent> sent, Step step) {
        if (sent.isEmpty()) {
            return null;
        }
        Sent movement = sent.get(step.second() % sent.size());
        return new ReceiveCreditsCommand(movement.to(), movement.transferId(), movement.from(), movement.amount());
    }

    /** Sends {@code command}; returns false when it was rejected for a reason random steps run into. */
    private static boolean send(CommandGateway commands, Object command) {
        try {
            commands.sendAndWait(command);
            return true;
        } catch (LedgerException e) {
            if (!EXPECTED_REJECTIONS.contains(e.code()) && !isOverCapture(command, e)) {
                throw e;
            }
            return false;
        }
    }

    /** Tells whether the rejection is of a capture above its hold's amount, which random steps run into. */
    private static boolean isOverCapture(Object command, LedgerException e) {
        return command instanceof CaptureHoldCommand && e.code() == ErrorCode.VALIDATION_FAILED;
    }

    private static List<Object> events(Configuration axon, List<String> accounts) {
        EventStore store = axon.eventStore();
        List<Object> events = new ArrayList<>();
        for (String account : accounts) {
            store.readEvents(account).asStream().map(EventMessage::getPayload).forEach(events::add);
        }
        return events;
    }

    private static void recordSent(List<Object> events, List<Sent> sent) {
        sent.clear();
        for (Object event : events) {
            if (event instanceof CreditsTransferredEvent e) {
                sent.add(new Sent(e.accountId(), e.toAccountId(), e.transferId(), e.amount()));
            } else if (event instanceof HoldCapturedEvent e && e.captured() > 0) {
                sent.add(new Sent(e.accountId(), e.payeeAccountId(), e.holdId(), e.captured()));
            }
        }
    }

    private static LedgerFold check(List<Object> events) {
        LedgerFold fold = new LedgerFold();
        events.forEach(fold::apply);

        assertThat(fold.total()).as("sum over all accounts").isZero();
        assertThat(fold.breaches()).as("breaches of the ledger's rules").isEmpty();
        return fold;
    }
}
