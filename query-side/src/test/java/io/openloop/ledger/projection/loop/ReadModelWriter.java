package io.openloop.ledger.projection.loop;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyIssuedEvent;
import io.openloop.ledger.messages.loop.ApiKeyRevokedEvent;
import io.openloop.ledger.messages.loop.BusinessIdentity;
import io.openloop.ledger.messages.loop.BusinessIdentitySubmittedEvent;
import io.openloop.ledger.messages.loop.BusinessVerifiedEvent;
import io.openloop.ledger.messages.loop.ChildLoopRegisteredEvent;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopPermissionsChangedEvent;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopSuspendedEvent;
import io.openloop.ledger.messages.loop.Plan;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Writes the loop read models through the real projections, so query-side tests read documents exactly as the
 * projections store them. Lives in the projections' package to reach their package-private handlers.
 */
public final class ReadModelWriter {

    public static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final LoopProjection loops;
    private final ApiKeyProjection keys;

    public ReadModelWriter(MongoDatabase database) {
        this.loops = new LoopProjection(database);
        this.keys = new ApiKeyProjection(database);
    }

    public void topLevel(String loopId, String handle, LoopKind kind) {
        loops.on(
                new LoopRegisteredEvent(
                        loopId,
                        Handle.of(handle),
                        "Loop " + handle,
                        kind,
                        Plan.PRO,
                        Scope.all(),
                        Set.of("*"),
                        ExecutionMode.GUIDED,
                        T0),
                0);
    }

    public void child(String loopId, List<String> ancestors, Set<Scope> permissions, Set<String> skills) {
        loops.on(
                new ChildLoopRegisteredEvent(
                        loopId,
                        ancestors.get(ancestors.size() - 1),
                        ancestors,
                        Handle.of("@" + loopId),
                        "Agent " + loopId,
                        Plan.PRO,
                        permissions,
                        skills,
                        ExecutionMode.AUTOPILOT,
                        T0),
                0);
    }

    public void permissionsChanged(String loopId, Set<Scope> permissions, Set<String> skills, long sequence) {
        loops.on(new LoopPermissionsChangedEvent(loopId, permissions, skills, T0.plusSeconds(sequence)), sequence);
    }

    public void suspended(String loopId, long sequence) {
        loops.on(new LoopSuspendedEvent(loopId, "test", T0.plusSeconds(sequence)), sequence);
    }

    public void verifiedBusiness(String loopId) {
        BusinessIdentity identity =
                new BusinessIdentity("Acme LLC", "https://acme.example", "ops@acme.example", List.of("US"));
        loops.on(new BusinessIdentitySubmittedEvent(loopId, identity, T0.plusSeconds(2)), 2);
        loops.on(new BusinessVerifiedEvent(loopId, null, T0.plusSeconds(3)), 3);
    }

    public void keyIssued(String loopId, String keyId, String hash, Set<Scope> scopes, Instant at, Instant expiresAt) {
        keys.on(new ApiKeyIssuedEvent(
                loopId, keyId, "ci", KeyMode.TEST, scopes, false, hash, "lk_test_ab", expiresAt, null, at));
    }

    public void keyRevoked(String loopId, String keyId, Instant at) {
        keys.on(new ApiKeyRevokedEvent(loopId, keyId, at));
    }
}
