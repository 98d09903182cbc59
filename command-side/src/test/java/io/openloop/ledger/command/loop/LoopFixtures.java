package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyIssuedEvent;
import io.openloop.ledger.messages.loop.ChildLoopRegisteredEvent;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.NewApiKey;
import io.openloop.ledger.messages.loop.Plan;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.CustomMatcher;

/** Fixtures, keys and events shared by the Loop aggregate's tests. */
final class LoopFixtures {

    static final Instant NOW = Instant.parse("2026-12-04T10:15:30.123456Z");
    static final Set<String> EVERY_SKILL = Set.of("*");

    private LoopFixtures() {}

    /** A fixture with the given handle registry and directory, a fixed clock and no snapshots. */
    static FixtureConfiguration<Loop> fixture(HandleRegistry handles, LoopDirectory directory) {
        FixtureConfiguration<Loop> fixture = new AggregateTestFixture<>(Loop.class);
        fixture.registerInjectableResource(handles);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(NoSnapshotTriggerDefinition.INSTANCE);
        return fixture;
    }

    /** Runs {@code command}, expects no events and a {@link LedgerException}, and returns that exception. */
    static LedgerException rejection(TestExecutor<Loop> history, Object command) {
        AtomicReference<Object> thrown = new AtomicReference<>();
        history.when(command).expectNoEvents().expectException(new CustomMatcher<Object>("a LedgerException") {
            @Override
            public boolean matches(Object item) {
                thrown.set(item);
                return item instanceof LedgerException;
            }
        });
        return (LedgerException) thrown.get();
    }

    /** Returns the fields a {@code VALIDATION_FAILED} error names, or an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, String> fields(LedgerException error) {
        Object fields = error.details().get("fields");
        return fields == null ? Map.of() : (Map<String, String>) fields;
    }

    static NewApiKey liveKey(String keyId, Scope... scopes) {
        return key(keyId, KeyMode.LIVE, scopes);
    }

    static NewApiKey key(String keyId, KeyMode mode, Scope... scopes) {
        Set<Scope> set = scopes.length == 0 ? Set.of() : EnumSet.of(scopes[0], scopes);
        return new NewApiKey(keyId, "ci", mode, set, hash(keyId), mode.secretPrefix() + "3kF9", null);
    }

    /** Returns a new key id, valid for {@code Ids.isValid(id, Ids.KEY)}. */
    static String keyId() {
        return Ids.newId(Ids.KEY);
    }

    /** Returns a 64-hex-digit hash derived from {@code seed}, distinct per key id. */
    static String hash(String seed) {
        String hex = Integer.toHexString(seed.hashCode() & 0x7fffffff);
        return ("0".repeat(64 - hex.length()) + hex);
    }

    static LoopRegisteredEvent registered(String loopId, String handle, LoopKind kind) {
        return new LoopRegisteredEvent(
                loopId, Handle.of(handle), "Acme", kind, Plan.PRO, Scope.all(), EVERY_SKILL, ExecutionMode.GUIDED, NOW);
    }

    static ApiKeyIssuedEvent ownerKeyIssued(String loopId, String keyId, Set<Scope> scopes) {
        NewApiKey key = liveKey(keyId);
        return new ApiKeyIssuedEvent(
                loopId, keyId, "owner", KeyMode.LIVE, scopes, true, key.hash(), key.prefix(), null, null, NOW);
    }

    static ApiKeyIssuedEvent keyIssued(String loopId, NewApiKey key) {
        return new ApiKeyIssuedEvent(
                loopId,
                key.keyId(),
                key.name(),
                key.mode(),
                key.scopes(),
                false,
                key.hash(),
                key.prefix(),
                key.expiresAt(),
                null,
                NOW);
    }

    static ChildLoopRegisteredEvent childRegistered(
            String loopId, String parentLoopId, List<String> ancestors, Set<Scope> permissions, Set<String> skills) {
        return new ChildLoopRegisteredEvent(
                loopId,
                parentLoopId,
                ancestors,
                Handle.of("@" + loopId),
                "Agent",
                Plan.PRO,
                permissions,
                skills,
                ExecutionMode.GUIDED,
                NOW);
    }

    /** Returns a directory entry for a loop of the given chain; {@code ancestors} top-level first. */
    static LoopDirectoryEntry entry(
            String loopId, List<String> ancestors, Set<Scope> permissions, Set<String> skills, LoopStatus status) {
        String parent = ancestors.isEmpty() ? null : ancestors.get(ancestors.size() - 1);
        LoopKind kind = ancestors.isEmpty() ? LoopKind.DEVELOPER : LoopKind.AGENT;
        return new LoopDirectoryEntry(loopId, parent, ancestors, permissions, skills, status, kind, Plan.PRO, 0);
    }

    /** Handle claims held in a map, with the same rules as the MongoDB registry. */
    static final class InMemoryHandles implements HandleRegistry {

        final Map<String, String> claims = new HashMap<>();

        @Override
        public void claim(Handle handle, String loopId) {
            String holder = claims.putIfAbsent(handle.value(), loopId);
            if (holder != null && !holder.equals(loopId)) {
                throw new LedgerException(
                        ErrorCode.HANDLE_TAKEN, "handle " + handle + " is taken; choose another handle");
            }
        }
    }
}
