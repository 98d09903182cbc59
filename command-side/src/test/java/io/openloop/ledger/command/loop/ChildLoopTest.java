package io.openloop.ledger.command.loop;

import static io.openloop.ledger.command.loop.LoopFixtures.EVERY_SKILL;
import static io.openloop.ledger.command.loop.LoopFixtures.NOW;
import static io.openloop.ledger.command.loop.LoopFixtures.entry;
import static io.openloop.ledger.command.loop.LoopFixtures.fields;
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
import io.openloop.ledger.messages.loop.ChildLoopRegisteredEvent;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.NewApiKey;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.loop.RegisterChildLoopCommand;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registration of child loops: bounded by the parent's effective permissions, skills and status. */
class ChildLoopTest {

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

        // root (every scope) -> mid (aap:send, aap:read, tools:invoke; skills sales, support)
        directory.record(entry("loop_root", List.of(), Scope.all(), EVERY_SKILL, LoopStatus.ACTIVE));
        directory.record(entry(
                "loop_mid",
                List.of("loop_root"),
                Set.of(Scope.AAP_SEND, Scope.AAP_READ, Scope.TOOLS_INVOKE),
                Set.of("sales", "support"),
                LoopStatus.ACTIVE));
    }

    private RegisterChildLoopCommand child(String parent, Set<Scope> permissions, Set<String> skills) {
        return new RegisterChildLoopCommand(
                "loop_leaf",
                parent,
                Handle.of("@leaf"),
                "Leaf",
                permissions,
                skills,
                ExecutionMode.SANDBOX,
                liveKey(ownerKeyId));
    }

    @Test
    void childWithinParentEmitsRegisteredThenOwnerKey() {
        Set<Scope> permissions = Set.of(Scope.AAP_SEND);
        NewApiKey ownerKey = liveKey(ownerKeyId);

        fixture.givenNoPriorActivity()
                .when(child("loop_mid", permissions, Set.of("sales")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new ChildLoopRegisteredEvent(
                                "loop_leaf",
                                "loop_mid",
                                List.of("loop_root", "loop_mid"),
                                Handle.of("@leaf"),
                                "Leaf",
                                Plan.PRO,
                                permissions,
                                Set.of("sales"),
                                ExecutionMode.SANDBOX,
                                NOW),
                        new ApiKeyIssuedEvent(
                                "loop_leaf",
                                ownerKeyId,
                                "ci",
                                KeyMode.LIVE,
                                permissions,
                                true,
                                ownerKey.hash(),
                                ownerKey.prefix(),
                                null,
                                null,
                                NOW));
    }

    @Test
    void childIsRecordedInDirectoryWithItsAncestors() {
        fixture.givenNoPriorActivity().when(child("loop_mid", Set.of(Scope.AAP_SEND), Set.of("sales")));

        LoopDirectoryEntry leaf = directory.entries.get("loop_leaf");
        assertThat(leaf.parentLoopId()).isEqualTo("loop_mid");
        assertThat(leaf.ancestors()).containsExactly("loop_root", "loop_mid");
        assertThat(leaf.kind()).isEqualTo(LoopKind.AGENT);
        assertThat(leaf.plan()).isEqualTo(Plan.PRO);
        assertThat(leaf.version()).isZero();
    }

    @Test
    void childWithoutSetsGetsParentsEffectiveOnes() {
        fixture.givenNoPriorActivity().when(child("loop_mid", null, null)).expectSuccessfulHandlerExecution();

        LoopDirectoryEntry leaf = directory.entries.get("loop_leaf");
        assertThat(leaf.permissions()).containsExactlyInAnyOrder(Scope.AAP_SEND, Scope.AAP_READ, Scope.TOOLS_INVOKE);
        assertThat(leaf.skills()).containsExactlyInAnyOrder("sales", "support");
    }

    @Test
    void childExceedingParentScopesNamesThem() {
        LedgerException error = rejection(
                fixture.givenNoPriorActivity(),
                child("loop_mid", Set.of(Scope.AAP_SEND, Scope.TOOLS_PUBLISH, Scope.LOOPS_MANAGE), Set.of("sales")));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(error.details()).containsEntry("exceedingScopes", List.of("tools:publish", "loops:manage"));
        assertThat(fields(error)).containsOnlyKeys("permissions");
        assertThat(error.getMessage()).contains("tools:publish, loops:manage");
        assertThat(handles.claims).isEmpty();
    }

    @Test
    void childExceedingParentSkillsNamesThem() {
        LedgerException error = rejection(
                fixture.givenNoPriorActivity(), child("loop_mid", Set.of(Scope.AAP_SEND), Set.of("sales", "legal")));

        assertThat(error.details()).containsEntry("exceedingSkills", List.of("legal"));
        assertThat(fields(error)).containsOnlyKeys("skills");
    }

    @Test
    void childAskingEverySkillUnderFiniteParentExceeds() {
        LedgerException error =
                rejection(fixture.givenNoPriorActivity(), child("loop_mid", Set.of(Scope.AAP_SEND), Set.of("*")));

        assertThat(error.details()).containsEntry("exceedingSkills", List.of("*"));
    }

    @Test
    void childOfUnknownParentIsNotFound() {
        LedgerException error = rejection(fixture.givenNoPriorActivity(), child("loop_nope", null, null));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(error.details()).containsEntry("parentLoopId", "loop_nope");
    }

    @Test
    void childOfSuspendedParentIsRejected() {
        directory.recordStatus("loop_mid", LoopStatus.SUSPENDED, 5);

        LedgerException error = rejection(fixture.givenNoPriorActivity(), child("loop_mid", null, null));

        assertThat(error.code()).isEqualTo(ErrorCode.LOOP_SUSPENDED);
        assertThat(error.details()).containsEntry("suspendedLoopId", "loop_mid");
    }

    @Test
    void childUnderSuspendedGrandparentIsRejected() {
        directory.recordStatus("loop_root", LoopStatus.SUSPENDED, 5);

        LedgerException error = rejection(fixture.givenNoPriorActivity(), child("loop_mid", null, null));

        assertThat(error.code()).isEqualTo(ErrorCode.LOOP_SUSPENDED);
        assertThat(error.details()).containsEntry("suspendedLoopId", "loop_root");
    }

    @Test
    void grandparentNarrowingBoundsGrandchild() {
        // mid still declares tools:invoke, but root no longer has it, so it is not effective for mid.
        directory.recordPermissions("loop_root", Set.of(Scope.AAP_SEND, Scope.AAP_READ), EVERY_SKILL, 5);

        LedgerException error = rejection(
                fixture.givenNoPriorActivity(), child("loop_mid", Set.of(Scope.AAP_SEND, Scope.TOOLS_INVOKE), null));

        assertThat(error.details()).containsEntry("exceedingScopes", List.of("tools:invoke"));
    }

    @Test
    void childWithEmptyPermissionsIsRejected() {
        LedgerException error = rejection(fixture.givenNoPriorActivity(), child("loop_mid", Set.of(), null));

        assertThat(fields(error)).containsOnlyKeys("permissions");
    }

    @Test
    void childWithInvalidSkillIsRejected() {
        LedgerException error = rejection(fixture.givenNoPriorActivity(), child("loop_mid", null, Set.of("Sales Ops")));

        assertThat(fields(error)).containsOnlyKeys("skills");
    }

    @Test
    void childWithTestOwnerKeyIsRejected() {
        RegisterChildLoopCommand command = new RegisterChildLoopCommand(
                "loop_leaf",
                "loop_mid",
                Handle.of("@leaf"),
                "Leaf",
                null,
                null,
                null,
                LoopFixtures.key(ownerKeyId, KeyMode.TEST));

        LedgerException error = rejection(fixture.givenNoPriorActivity(), command);

        assertThat(fields(error)).containsOnlyKeys("ownerKey.mode");
    }

    @Test
    void childBelowMaximumDepthIsRejected() {
        String parent = "loop_root";
        List<String> ancestors = List.of();
        for (int depth = 1; depth < LoopRegistration.MAX_ANCESTORS; depth++) {
            ancestors = append(ancestors, parent);
            parent = "loop_d" + depth;
            directory.record(entry(parent, ancestors, Scope.all(), EVERY_SKILL, LoopStatus.ACTIVE));
        }

        LedgerException error = rejection(fixture.givenNoPriorActivity(), child(parent, null, null));

        assertThat(fields(error)).containsOnlyKeys("parentLoopId");
    }

    private static List<String> append(List<String> list, String element) {
        List<String> copy = new java.util.ArrayList<>(list);
        copy.add(element);
        return copy;
    }
}
