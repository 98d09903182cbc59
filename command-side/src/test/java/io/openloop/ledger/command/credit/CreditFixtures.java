package io.openloop.ledger.command.credit;

import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.credit.CreditAccountOpenedEvent;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditsGrantedEvent;
import io.openloop.ledger.messages.credit.CreditsHeldEvent;
import io.openloop.ledger.messages.credit.HoldExpiryScheduledEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.CustomMatcher;

/** Fixtures, ids and events shared by the CreditAccount aggregate's tests. */
final class CreditFixtures {

    static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");
    static final Instant EXPIRES_AT = NOW.plus(Duration.ofMinutes(10));
    static final String LOOP_ID = Ids.newId(Ids.LOOP);
    static final String ACCOUNT_ID = CreditAccounts.accountIdOf(LOOP_ID);
    static final String OTHER_ACCOUNT_ID = CreditAccounts.accountIdOf(Ids.newId(Ids.LOOP));
    static final String THIRD_ACCOUNT_ID = CreditAccounts.accountIdOf(Ids.newId(Ids.LOOP));

    private CreditFixtures() {}

    /** A fixture with a clock and a deadline manager both at {@link #NOW}, and no snapshots. */
    static FixtureConfiguration<CreditAccount> fixture() {
        FixtureConfiguration<CreditAccount> fixture = new AggregateTestFixture<>(CreditAccount.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(NoSnapshotTriggerDefinition.INSTANCE);
        return fixture;
    }

    /** Runs {@code command}, expects no events and a {@link LedgerException}, and returns that exception. */
    static LedgerException rejection(TestExecutor<CreditAccount> history, Object command) {
        return rejection(history.when(command));
    }

    static LedgerException rejection(ResultValidator<CreditAccount> result) {
        AtomicReference<Object> thrown = new AtomicReference<>();
        result.expectNoEvents().expectException(new CustomMatcher<Object>("a LedgerException") {
            @Override
            public boolean matches(Object item) {
                thrown.set(item);
                return item instanceof LedgerException;
            }
        });
        return (LedgerException) thrown.get();
    }

    static CreditAccountOpenedEvent opened() {
        return new CreditAccountOpenedEvent(ACCOUNT_ID, LOOP_ID, NOW);
    }

    static CreditsGrantedEvent granted(String grantId, long amount, long balanceAfter) {
        return new CreditsGrantedEvent(ACCOUNT_ID, grantId, amount, "ci", balanceAfter, NOW);
    }

    static CreditsHeldEvent held(String holdId, long amount, long availableAfter) {
        return new CreditsHeldEvent(ACCOUNT_ID, holdId, amount, "inv_1", EXPIRES_AT, availableAfter, NOW);
    }

    static HoldExpiryScheduledEvent scheduled(String holdId, String scheduleId) {
        return new HoldExpiryScheduledEvent(ACCOUNT_ID, holdId, scheduleId, EXPIRES_AT);
    }
}
