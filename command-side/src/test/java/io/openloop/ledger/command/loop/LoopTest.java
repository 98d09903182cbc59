package io.openloop.ledger.command.loop;

import static io.openloop.ledger.command.loop.LoopFixtures.EVERY_SKILL;
import static io.openloop.ledger.command.loop.LoopFixtures.NOW;
import static io.openloop.ledger.command.loop.LoopFixtures.fields;
import static io.openloop.ledger.command.loop.LoopFixtures.key;
import static io.openloop.ledger.command.loop.LoopFixtures.keyId;
import static io.openloop.ledger.command.loop.LoopFixtures.liveKey;
import static io.openloop.ledger.command.loop.LoopFixtures.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyIssuedEvent;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.NewApiKey;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.loop.RegisterLoopCommand;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registration of top-level loops: kinds, handles, display names and the owner key. */
class LoopTest {

    private FixtureConfiguration<Loop> fixture;
    private LoopFixtures.InMemoryHandles handles;
    private InMemoryLoopDirectory directory;
    private String ownerKeyId;

    @BeforeEach
    void setUp() {
        handles = new LoopFixtures.InMemoryHandles();
        directory = new InMemoryLoopDirectory();
        fixture = LoopFixtures.fixture(handles, directory);
        ownerKeyId = keyId();
    }

    private RegisterLoopCommand register(String handle, String displayName, LoopKind kind, Plan plan) {
        return new RegisterLoopCommand("loop_1", Handle.of(handle), displayName, kind, plan, liveKey(ownerKeyId));
    }

    @Test
    void registerEmitsLoopThenOwnerKey() {
        NewApiKey ownerKey = liveKey(ownerKeyId);

        fixture.givenNoPriorActivity()
                .when(register("@Acme_Dev", "  Acme Dev  ", LoopKind.DEVELOPER, Plan.PRO))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new LoopRegisteredEvent(
                                "loop_1",
                                Handle.of("@acme_dev"),
                                "Acme Dev",
                                LoopKind.DEVELOPER,
                                Plan.PRO,
                                Scope.all(),
                                EVERY_SKILL,
                                ExecutionMode.GUIDED,
                                NOW),
                        new ApiKeyIssuedEvent(
                                "loop_1",
                                ownerKeyId,
                                "ci",
                                KeyMode.LIVE,
                                Scope.all(),
                                true,
                                ownerKey.hash(),
                                ownerKey.prefix(),
                                null,
                                null,
                                NOW));

        assertThat(handles.claims).containsEntry("@acme_dev", "loop_1");
    }

    @Test
    void registerRecordsTopLevelLoopInDirectory() {
        fixture.givenNoPriorActivity().when(register("@acme", "Acme", LoopKind.BUSINESS, Plan.PRO));

        LoopDirectoryEntry entry = directory.entries.get("loop_1");
        assertThat(entry.parentLoopId()).isNull();
        assertThat(entry.ancestors()).isEmpty();
        assertThat(entry.permissions()).isEqualTo(Scope.all());
        assertThat(entry.skills()).isEqualTo(EVERY_SKILL);
        assertThat(entry.status()).isEqualTo(LoopStatus.ACTIVE);
        assertThat(entry.kind()).isEqualTo(LoopKind.BUSINESS);
        assertThat(entry.plan()).isEqualTo(Plan.PRO);
        assertThat(entry.version()).isZero();
    }

    @Test
    void rejectedRegistrationLeavesDirectoryEmpty() {
        handles.claims.put("@acme", "loop_other");

        rejection(fixture.givenNoPriorActivity(), register("@acme", "Acme", LoopKind.DEVELOPER, Plan.FREE));

        assertThat(directory.entries).isEmpty();
    }

    @Test
    void registerWithoutPlanDefaultsToFree() {
        fixture.givenNoPriorActivity().when(register("@biz", "Biz", LoopKind.BUSINESS, null));

        assertThat(directory.entries.get("loop_1").plan()).isEqualTo(Plan.FREE);
    }

    @Test
    void registerWithTakenHandleFailsWithHandleTaken() {
        handles.claims.put("@acme_dev", "loop_other");

        LedgerException error =
                rejection(fixture.givenNoPriorActivity(), register("@ACME_DEV", "Acme", LoopKind.DEVELOPER, Plan.FREE));

        assertThat(error.code()).isEqualTo(ErrorCode.HANDLE_TAKEN);
        assertThat(error.getMessage()).isEqualTo("handle @acme_dev is taken; choose another handle");
    }

    @Test
    void registerAgentKindAtTopLevelFailsValidation() {
        LedgerException error =
                rejection(fixture.givenNoPriorActivity(), register("@bot", "Bot", LoopKind.AGENT, Plan.FREE));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsOnlyKeys("kind");
        assertThat(handles.claims).isEmpty();
    }

    @Test
    void registerWithBlankDisplayNameFailsValidation() {
        fixture.givenNoPriorActivity()
                .when(register("@bot", "   ", LoopKind.DEVELOPER, Plan.FREE))
                .expectNoEvents()
                .expectExceptionMessage("displayName is missing; send a name such as \"Acme Dev\"");
    }

    @Test
    void controlCharacterInNameIsRejected() {
        fixture.givenNoPriorActivity()
                .when(register("@bot", "Acme\u0007", LoopKind.DEVELOPER, Plan.FREE))
                .expectNoEvents()
                .expectExceptionMessage("displayName contains a control character; remove it");
    }

    @Test
    void registerWithOverlongDisplayNameFailsValidation() {
        String name = "x".repeat(Loop.MAX_DISPLAY_NAME_LENGTH + 1);

        LedgerException error =
                rejection(fixture.givenNoPriorActivity(), register("@bot", name, LoopKind.DEVELOPER, Plan.FREE));

        assertThat(fields(error)).containsOnlyKeys("displayName");
    }

    @Test
    void registerWithTestOwnerKeyIsRejected() {
        RegisterLoopCommand command = new RegisterLoopCommand(
                "loop_1", Handle.of("@acme"), "Acme", LoopKind.DEVELOPER, Plan.FREE, key(ownerKeyId, KeyMode.TEST));

        LedgerException error = rejection(fixture.givenNoPriorActivity(), command);

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsOnlyKeys("ownerKey.mode");
        assertThat(handles.claims).isEmpty();
    }

    @Test
    void registerWithMalformedOwnerKeyNamesEachField() {
        NewApiKey bad = new NewApiKey("loop_1", "owner", KeyMode.LIVE, null, "ABC", "lk_test_x", NOW);
        RegisterLoopCommand command =
                new RegisterLoopCommand("loop_1", Handle.of("@acme"), "Acme", LoopKind.DEVELOPER, Plan.FREE, bad);

        LedgerException error = rejection(fixture.givenNoPriorActivity(), command);

        assertThat(fields(error))
                .containsOnlyKeys("ownerKey.keyId", "ownerKey.hash", "ownerKey.prefix", "ownerKey.expiresAt");
    }

    @Test
    void registerWithNarrowerOwnerKeyScopesIsRejected() {
        RegisterLoopCommand command = new RegisterLoopCommand(
                "loop_1",
                Handle.of("@acme"),
                "Acme",
                LoopKind.DEVELOPER,
                Plan.FREE,
                liveKey(ownerKeyId, Scope.AAP_SEND));

        LedgerException error = rejection(fixture.givenNoPriorActivity(), command);

        assertThat(fields(error)).containsOnlyKeys("ownerKey.scopes");
    }

    @Test
    void registerWithoutOwnerKeyIsRejected() {
        RegisterLoopCommand command =
                new RegisterLoopCommand("loop_1", Handle.of("@acme"), "Acme", LoopKind.DEVELOPER, Plan.FREE, null);

        LedgerException error = rejection(fixture.givenNoPriorActivity(), command);

        assertThat(fields(error)).containsOnlyKeys("ownerKey");
    }

    @Test
    void registeringSameLoopTwiceIsRejected() {
        fixture.given(
                        LoopFixtures.registered("loop_1", "@acme", LoopKind.DEVELOPER),
                        LoopFixtures.ownerKeyIssued("loop_1", keyId(), Scope.all()))
                .when(register("@acme", "Acme", LoopKind.DEVELOPER, Plan.FREE))
                .expectNoEvents()
                .expectException(Exception.class);
    }

    @Test
    void validationErrorNamesTheFailingField() {
        LedgerException error = null;
        try {
            DisplayNames.validate(null);
        } catch (LedgerException e) {
            error = e;
        }

        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsOnlyKeys("displayName");
    }

    @Test
    void registrationRecordsNoAncestors() {
        fixture.givenNoPriorActivity().when(register("@acme", "Acme", LoopKind.DEVELOPER, Plan.FREE));

        assertThat(directory.lineage("loop_1").orElseThrow().chain()).hasSize(1);
        assertThat(directory.lineage("loop_1").orElseThrow().loop().ancestors()).isEqualTo(List.of());
    }
}
