package io.openloop.ledger.command.loop;

import static io.openloop.ledger.command.loop.LoopFixtures.EVERY_SKILL;
import static io.openloop.ledger.command.loop.LoopFixtures.NOW;
import static io.openloop.ledger.command.loop.LoopFixtures.childRegistered;
import static io.openloop.ledger.command.loop.LoopFixtures.entry;
import static io.openloop.ledger.command.loop.LoopFixtures.fields;
import static io.openloop.ledger.command.loop.LoopFixtures.keyId;
import static io.openloop.ledger.command.loop.LoopFixtures.liveKey;
import static io.openloop.ledger.command.loop.LoopFixtures.ownerKeyIssued;
import static io.openloop.ledger.command.loop.LoopFixtures.registered;
import static io.openloop.ledger.command.loop.LoopFixtures.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.EffectivePermissions;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ChangeLoopPermissionsCommand;
import io.openloop.ledger.messages.loop.IssueApiKeyCommand;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopPermissionsChangedEvent;
import io.openloop.ledger.messages.loop.LoopReinstatedEvent;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.LoopSuspendedEvent;
import io.openloop.ledger.messages.loop.ReinstateLoopCommand;
import io.openloop.ledger.messages.loop.SuspendLoopCommand;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Permission changes, suspension and reinstatement, and how they cascade to descendants through the directory. */
class LoopStatusTest {

    private static final Set<Scope> MID_SCOPES = Set.of(Scope.AAP_SEND, Scope.AAP_READ, Scope.TOOLS_INVOKE);

    private FixtureConfiguration<Loop> fixture;
    private InMemoryLoopDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new InMemoryLoopDirectory();
        fixture = LoopFixtures.fixture(new LoopFixtures.InMemoryHandles(), directory);

        directory.record(entry("loop_root", List.of(), Scope.all(), EVERY_SKILL, LoopStatus.ACTIVE));
        directory.record(entry("loop_mid", List.of("loop_root"), MID_SCOPES, Set.of("sales"), LoopStatus.ACTIVE));
        directory.record(entry(
                "loop_leaf", List.of("loop_root", "loop_mid"), Set.of(Scope.AAP_SEND), EVERY_SKILL, LoopStatus.ACTIVE));
    }

    private TestExecutor<Loop> givenRoot() {
        return fixture.given(
                registered("loop_root", "@root", LoopKind.DEVELOPER),
                ownerKeyIssued("loop_root", keyId(), Scope.all()));
    }

    private TestExecutor<Loop> givenMid() {
        return fixture.given(
                childRegistered("loop_mid", "loop_root", List.of("loop_root"), MID_SCOPES, Set.of("sales")),
                ownerKeyIssued("loop_mid", keyId(), MID_SCOPES));
    }

    @Test
    void narrowingTopLevelUpdatesDirectory() {
        Set<Scope> narrowed = Set.of(Scope.AAP_SEND, Scope.AAP_READ);

        givenRoot()
                .when(new ChangeLoopPermissionsCommand("loop_root", narrowed, null))
                .expectEvents(new LoopPermissionsChangedEvent("loop_root", narrowed, EVERY_SKILL, NOW));

        assertThat(directory.entries.get("loop_root").permissions()).isEqualTo(narrowed);
        assertThat(directory.entries.get("loop_root").version()).isEqualTo(2);
    }

    @Test
    void narrowingRootNarrowsGrandchildEffectivePermissions() {
        givenRoot()
                .andGivenCommands(
                        new ChangeLoopPermissionsCommand("loop_root", Set.of(Scope.AAP_READ, Scope.AAP_SEND), null))
                .when(new ChangeLoopPermissionsCommand("loop_root", Set.of(Scope.AAP_READ), null));

        EffectivePermissions leaf = directory.lineage("loop_leaf").orElseThrow().effective();
        assertThat(leaf.scopes()).isEmpty();
        EffectivePermissions mid = directory.lineage("loop_mid").orElseThrow().effective();
        assertThat(mid.scopes()).containsExactly(Scope.AAP_READ);
    }

    @Test
    void suspendingRootSuspendsGrandchildEffectively() {
        givenRoot()
                .when(new SuspendLoopCommand("loop_root", "chargeback"))
                .expectEvents(new LoopSuspendedEvent("loop_root", "chargeback", NOW));

        EffectivePermissions leaf = directory.lineage("loop_leaf").orElseThrow().effective();
        assertThat(leaf.status()).isEqualTo(LoopStatus.SUSPENDED);
        assertThat(leaf.suspendedLoopId()).isEqualTo("loop_root");
        assertThat(directory.entries.get("loop_leaf").status()).isEqualTo(LoopStatus.ACTIVE);
    }

    @Test
    void reinstatingRootReactivatesGrandchild() {
        givenRoot()
                .andGivenCommands(new SuspendLoopCommand("loop_root", null))
                .when(new ReinstateLoopCommand("loop_root"))
                .expectEvents(new LoopReinstatedEvent("loop_root", NOW));

        assertThat(directory.lineage("loop_leaf").orElseThrow().effective().isActive())
                .isTrue();
        assertThat(directory.entries.get("loop_root").version()).isEqualTo(3);
    }

    @Test
    void grandchildUnderSuspendedRootCannotGetKeys() {
        directory.recordStatus("loop_root", LoopStatus.SUSPENDED, 2);

        LedgerException error = rejection(
                fixture.given(
                        childRegistered(
                                "loop_leaf",
                                "loop_mid",
                                List.of("loop_root", "loop_mid"),
                                Set.of(Scope.AAP_SEND),
                                EVERY_SKILL),
                        ownerKeyIssued("loop_leaf", keyId(), Set.of(Scope.AAP_SEND))),
                new IssueApiKeyCommand("loop_leaf", liveKey(keyId(), Scope.AAP_SEND)));

        assertThat(error.code()).isEqualTo(ErrorCode.LOOP_SUSPENDED);
        assertThat(error.details()).containsEntry("suspendedLoopId", "loop_root");
    }

    @Test
    void childWideningWithinParentIsAccepted() {
        Set<Scope> widened = Set.of(Scope.AAP_SEND, Scope.CREDITS_READ);

        givenMid()
                .when(new ChangeLoopPermissionsCommand("loop_mid", widened, null))
                .expectEvents(new LoopPermissionsChangedEvent("loop_mid", widened, Set.of("sales"), NOW));
    }

    @Test
    void grandchildWideningBeyondParentNamesScopes() {
        LedgerException error = rejection(
                fixture.given(
                        childRegistered(
                                "loop_leaf",
                                "loop_mid",
                                List.of("loop_root", "loop_mid"),
                                Set.of(Scope.AAP_SEND),
                                EVERY_SKILL),
                        ownerKeyIssued("loop_leaf", keyId(), Set.of(Scope.AAP_SEND))),
                new ChangeLoopPermissionsCommand("loop_leaf", Set.of(Scope.AAP_SEND, Scope.AUDIT_READ), Set.of("x")));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(error.details()).containsEntry("exceedingScopes", List.of("audit:read"));
        assertThat(error.details()).containsEntry("exceedingSkills", List.of("x"));
        assertThat(fields(error)).containsOnlyKeys("permissions", "skills");
    }

    @Test
    void changeToSameSetsEmitsNothing() {
        givenMid()
                .when(new ChangeLoopPermissionsCommand("loop_mid", MID_SCOPES, Set.of("sales")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changeWithNeitherSetIsRejected() {
        LedgerException error = rejection(givenMid(), new ChangeLoopPermissionsCommand("loop_mid", null, null));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void suspendingSuspendedLoopIsInvalidState() {
        LedgerException error = rejection(
                givenRoot().andGivenCommands(new SuspendLoopCommand("loop_root", null)),
                new SuspendLoopCommand("loop_root", null));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "suspended");
    }

    @Test
    void reinstatingActiveLoopIsInvalidState() {
        LedgerException error = rejection(givenRoot(), new ReinstateLoopCommand("loop_root"));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.details()).containsEntry("currentState", "active");
    }

    @Test
    void suspendingRecordsStatusAtEventVersion() {
        givenRoot().when(new SuspendLoopCommand("loop_root", "abuse"));

        assertThat(directory.entries.get("loop_root").status()).isEqualTo(LoopStatus.SUSPENDED);
        assertThat(directory.entries.get("loop_root").version()).isEqualTo(2);
    }
}
