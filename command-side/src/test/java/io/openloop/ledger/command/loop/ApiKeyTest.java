package io.openloop.ledger.command.loop;

import static io.openloop.ledger.command.loop.LoopFixtures.EVERY_SKILL;
import static io.openloop.ledger.command.loop.LoopFixtures.NOW;
import static io.openloop.ledger.command.loop.LoopFixtures.childRegistered;
import static io.openloop.ledger.command.loop.LoopFixtures.entry;
import static io.openloop.ledger.command.loop.LoopFixtures.fields;
import static io.openloop.ledger.command.loop.LoopFixtures.key;
import static io.openloop.ledger.command.loop.LoopFixtures.keyId;
import static io.openloop.ledger.command.loop.LoopFixtures.keyIssued;
import static io.openloop.ledger.command.loop.LoopFixtures.liveKey;
import static io.openloop.ledger.command.loop.LoopFixtures.ownerKeyIssued;
import static io.openloop.ledger.command.loop.LoopFixtures.registered;
import static io.openloop.ledger.command.loop.LoopFixtures.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyIssuedEvent;
import io.openloop.ledger.messages.loop.ApiKeyRevokedEvent;
import io.openloop.ledger.messages.loop.IssueApiKeyCommand;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.LoopSuspendedEvent;
import io.openloop.ledger.messages.loop.NewApiKey;
import io.openloop.ledger.messages.loop.RevokeApiKeyCommand;
import io.openloop.ledger.messages.loop.RotateApiKeyCommand;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issuing, revoking and rotating keys. */
class ApiKeyTest {

    private FixtureConfiguration<Loop> fixture;
    private InMemoryLoopDirectory directory;
    private String ownerKeyId;

    @BeforeEach
    void setUp() {
        directory = new InMemoryLoopDirectory();
        fixture = LoopFixtures.fixture(new LoopFixtures.InMemoryHandles(), directory);
        ownerKeyId = keyId();
        directory.record(entry("loop_root", List.of(), Scope.all(), EVERY_SKILL, LoopStatus.ACTIVE));
    }

    private TestExecutor<Loop> givenRoot(Object... more) {
        TestExecutor<Loop> history = fixture.given(
                registered("loop_root", "@root", LoopKind.DEVELOPER),
                ownerKeyIssued("loop_root", ownerKeyId, Scope.all()));
        return more.length == 0 ? history : history.andGiven(more);
    }

    private TestExecutor<Loop> givenChild() {
        return fixture.given(
                childRegistered("loop_kid", "loop_root", List.of("loop_root"), Set.of(Scope.AAP_SEND), EVERY_SKILL),
                ownerKeyIssued("loop_kid", ownerKeyId, Set.of(Scope.AAP_SEND)));
    }

    @Test
    void issueKeyWithinEffectivePermissionsEmitsIssued() {
        NewApiKey key = key(keyId(), KeyMode.TEST, Scope.AAP_SEND, Scope.TOOLS_INVOKE);

        givenRoot().when(new IssueApiKeyCommand("loop_root", key)).expectEvents(keyIssued("loop_root", key));
    }

    @Test
    void issueKeyBeyondEffectivePermissionsNamesScopes() {
        directory.recordPermissions("loop_root", Set.of(Scope.AAP_SEND, Scope.AAP_READ), EVERY_SKILL, 5);

        LedgerException error = rejection(
                givenChild(), new IssueApiKeyCommand("loop_kid", liveKey(keyId(), Scope.AAP_SEND, Scope.AAP_READ)));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(error.details()).containsEntry("exceedingScopes", List.of("aap:read"));
        assertThat(fields(error)).containsOnlyKeys("key.scopes");
    }

    @Test
    void issueKeyOnSuspendedLoopIsRejected() {
        LedgerException error = rejection(
                givenRoot(new LoopSuspendedEvent("loop_root", null, NOW)),
                new IssueApiKeyCommand("loop_root", liveKey(keyId(), Scope.AAP_SEND)));

        assertThat(error.code()).isEqualTo(ErrorCode.LOOP_SUSPENDED);
        assertThat(error.details()).containsEntry("suspendedLoopId", "loop_root");
    }

    @Test
    void issueKeyWithUsedIdIsRejected() {
        LedgerException error =
                rejection(givenRoot(), new IssueApiKeyCommand("loop_root", liveKey(ownerKeyId, Scope.AAP_SEND)));

        assertThat(fields(error)).containsOnlyKeys("key.keyId");
    }

    @Test
    void issueKeyWithoutScopesIsRejected() {
        LedgerException error = rejection(givenRoot(), new IssueApiKeyCommand("loop_root", liveKey(keyId())));

        assertThat(fields(error)).containsOnlyKeys("key.scopes");
    }

    @Test
    void issueKeyWithPastExpiryIsRejected() {
        NewApiKey base = liveKey(keyId(), Scope.AAP_SEND);
        NewApiKey expired = new NewApiKey(
                base.keyId(), "old", base.mode(), base.scopes(), base.hash(), base.prefix(), NOW.minusSeconds(1));

        LedgerException error = rejection(givenRoot(), new IssueApiKeyCommand("loop_root", expired));

        assertThat(fields(error)).containsOnlyKeys("key.expiresAt");
    }

    @Test
    void prefixOfOtherModeIsRejected() {
        NewApiKey base = key(keyId(), KeyMode.TEST, Scope.AAP_SEND);
        NewApiKey mismatched =
                new NewApiKey(base.keyId(), "ci", KeyMode.LIVE, base.scopes(), base.hash(), base.prefix(), null);

        LedgerException error = rejection(givenRoot(), new IssueApiKeyCommand("loop_root", mismatched));

        assertThat(fields(error)).containsOnlyKeys("key.prefix");
    }

    @Test
    void revokeActiveKeyEmitsRevoked() {
        givenRoot()
                .when(new RevokeApiKeyCommand("loop_root", ownerKeyId))
                .expectEvents(new ApiKeyRevokedEvent("loop_root", ownerKeyId, NOW));
    }

    @Test
    void revokeUnknownKeyIsNotFound() {
        LedgerException error = rejection(givenRoot(), new RevokeApiKeyCommand("loop_root", keyId()));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void revokeRevokedKeyIsNotFound() {
        LedgerException error = rejection(
                givenRoot(new ApiKeyRevokedEvent("loop_root", ownerKeyId, NOW)),
                new RevokeApiKeyCommand("loop_root", ownerKeyId));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(error.details()).containsEntry("keyId", ownerKeyId);
    }

    @Test
    void rotateIssuesReplacementThenRevokesOld() {
        String newKeyId = keyId();
        NewApiKey replacement = new NewApiKey(
                newKeyId, null, null, null, LoopFixtures.hash(newKeyId), "lk_live_Zz9", NOW.plus(Duration.ofDays(30)));

        givenRoot()
                .when(new RotateApiKeyCommand("loop_root", ownerKeyId, replacement))
                .expectEvents(
                        new ApiKeyIssuedEvent(
                                "loop_root",
                                newKeyId,
                                "owner",
                                KeyMode.LIVE,
                                Scope.all(),
                                true,
                                replacement.hash(),
                                "lk_live_Zz9",
                                NOW.plus(Duration.ofDays(30)),
                                ownerKeyId,
                                NOW),
                        new ApiKeyRevokedEvent("loop_root", ownerKeyId, NOW));
    }

    @Test
    void rotateWithOtherModeIsRejected() {
        LedgerException error = rejection(
                givenRoot(),
                new RotateApiKeyCommand("loop_root", ownerKeyId, key(keyId(), KeyMode.TEST, Scope.AAP_SEND)));

        assertThat(fields(error)).containsOnlyKeys("replacement.mode");
    }

    @Test
    void rotateRevokedKeyIsNotFound() {
        LedgerException error = rejection(
                givenRoot(new ApiKeyRevokedEvent("loop_root", ownerKeyId, NOW)),
                new RotateApiKeyCommand("loop_root", ownerKeyId, liveKey(keyId())));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void rotateOnSuspendedLoopIsRejected() {
        LedgerException error = rejection(
                givenRoot(new LoopSuspendedEvent("loop_root", null, NOW)),
                new RotateApiKeyCommand("loop_root", ownerKeyId, liveKey(keyId())));

        assertThat(error.code()).isEqualTo(ErrorCode.LOOP_SUSPENDED);
    }

    @Test
    void rotatedKeyCannotBeRevokedAgain() {
        String newKeyId = keyId();

        LedgerException error = rejection(
                givenRoot().andGivenCommands(new RotateApiKeyCommand("loop_root", ownerKeyId, liveKey(newKeyId))),
                new RevokeApiKeyCommand("loop_root", ownerKeyId));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }
}
