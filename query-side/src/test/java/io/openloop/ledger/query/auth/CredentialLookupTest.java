package io.openloop.ledger.query.auth;

import static io.openloop.ledger.projection.loop.ReadModelWriter.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.auth.EffectivePermissions;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.projection.loop.MemoryMongo;
import io.openloop.ledger.projection.loop.ReadModelWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key and loop-chain lookups for authentication, and their cache, driven by a manual clock. */
class CredentialLookupTest {

    private static final String HASH = "e".repeat(64);
    private static final Duration TTL = Duration.ofSeconds(2);

    private static MemoryMongo mongo;

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private MongoDatabase database;
    private ReadModelWriter writer;
    private CredentialLookup lookup;

    @BeforeAll
    static void startMongo() {
        mongo = new MemoryMongo();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        database = mongo.newDatabase();
        writer = new ReadModelWriter(database);
        lookup = new CredentialLookup(database, TTL, 100, ticker);

        writer.topLevel("loop_root", "@root", LoopKind.DEVELOPER);
        writer.child("loop_mid", List.of("loop_root"), Set.of(Scope.AAP_SEND, Scope.AAP_READ), Set.of("sales"));
        writer.child("loop_leaf", List.of("loop_root", "loop_mid"), Set.of(Scope.AAP_SEND), Set.of("*"));
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void keyIsFoundByHash() {
        writer.keyIssued("loop_leaf", "key_1", HASH, Set.of(Scope.AAP_SEND), T0, T0.plusSeconds(60));

        KeyCredential key = lookup.findByHash(HASH).orElseThrow();

        assertThat(key)
                .isEqualTo(new KeyCredential(
                        "key_1", "loop_leaf", KeyMode.TEST, Set.of(Scope.AAP_SEND), false, T0.plusSeconds(60), null));
        assertThat(key.isUsableAt(T0.plusSeconds(59))).isTrue();
        assertThat(key.isUsableAt(T0.plusSeconds(60))).isFalse();
    }

    @Test
    void unknownHashIsEmpty() {
        assertThat(lookup.findByHash(HASH)).isEmpty();
    }

    @Test
    void missIsNotCached() {
        assertThat(lookup.findByHash(HASH)).isEmpty();

        writer.keyIssued("loop_leaf", "key_1", HASH, Set.of(Scope.AAP_SEND), T0, null);

        assertThat(lookup.findByHash(HASH)).isPresent();
    }

    @Test
    void revokedKeyIsStaleUntilTtlPasses() {
        writer.keyIssued("loop_leaf", "key_1", HASH, Set.of(Scope.AAP_SEND), T0, null);
        lookup.findByHash(HASH);
        writer.keyRevoked("loop_leaf", "key_1", T0.plusSeconds(1));

        assertThat(lookup.findByHash(HASH).orElseThrow().revokedAt()).isNull();
        advance(TTL.plusMillis(1));
        assertThat(lookup.findByHash(HASH).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void invalidateKeyDropsCachedKeyAtOnce() {
        writer.keyIssued("loop_leaf", "key_1", HASH, Set.of(Scope.AAP_SEND), T0, null);
        lookup.findByHash(HASH);
        writer.keyRevoked("loop_leaf", "key_1", T0.plusSeconds(1));

        lookup.invalidateKey(HASH);

        assertThat(lookup.findByHash(HASH).orElseThrow().isUsableAt(T0.plusSeconds(2)))
                .isFalse();
    }

    @Test
    void authorityHoldsChainTopLevelFirst() {
        LoopAuthority leaf = lookup.loopAuthority("loop_leaf").orElseThrow();

        assertThat(leaf.ancestorIds()).containsExactly("loop_root", "loop_mid");
        assertThat(leaf.kind()).isEqualTo(LoopKind.AGENT);
        assertThat(leaf.effective().scopes()).containsExactly(Scope.AAP_SEND);
        assertThat(leaf.effective().skills()).containsExactly("sales");
        assertThat(leaf.isManagedBy("loop_mid")).isTrue();
        assertThat(leaf.isManagedBy("loop_other")).isFalse();
    }

    @Test
    void suspendedRootSuspendsLeafEffectively() {
        writer.suspended("loop_root", 2);

        LoopAuthority leaf = lookup.loopAuthority("loop_leaf").orElseThrow();

        assertThat(leaf.status()).isEqualTo(LoopStatus.ACTIVE);
        assertThat(leaf.effective().status()).isEqualTo(LoopStatus.SUSPENDED);
        assertThat(leaf.effective().suspendedLoopId()).isEqualTo("loop_root");
    }

    @Test
    void invalidatingAncestorDropsCachedDescendants() {
        lookup.loopAuthority("loop_leaf");
        writer.permissionsChanged("loop_root", Set.of(Scope.AAP_READ), Set.of("*"), 2);

        assertThat(lookup.loopAuthority("loop_leaf").orElseThrow().effective().scopes())
                .containsExactly(Scope.AAP_SEND);
        lookup.invalidate("loop_root");
        EffectivePermissions leaf =
                lookup.loopAuthority("loop_leaf").orElseThrow().effective();
        assertThat(leaf.scopes()).isEmpty();
    }

    @Test
    void missingAncestorGivesNoAuthority() {
        writer.child("loop_orphan", List.of("loop_gone"), Set.of(Scope.AAP_SEND), Set.of("*"));

        assertThat(lookup.loopAuthority("loop_orphan")).isEmpty();
    }

    @Test
    void zeroTtlReadsEveryTime() {
        CredentialLookup uncached = new CredentialLookup(database, Duration.ZERO, 100, ticker);
        uncached.loopAuthority("loop_root");

        writer.suspended("loop_root", 2);

        assertThat(uncached.loopAuthority("loop_root").orElseThrow().status()).isEqualTo(LoopStatus.SUSPENDED);
    }
}
