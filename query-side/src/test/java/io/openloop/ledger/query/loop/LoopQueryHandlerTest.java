package io.openloop.ledger.query.loop;

import static io.openloop.ledger.projection.loop.ReadModelWriter.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyView;
import io.openloop.ledger.messages.loop.FindLoopProfileQuery;
import io.openloop.ledger.messages.loop.FindLoopQuery;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.ListApiKeysQuery;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopProfile;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.LoopView;
import io.openloop.ledger.messages.loop.VerificationStatus;
import io.openloop.ledger.projection.loop.MemoryMongo;
import io.openloop.ledger.projection.loop.ReadModelWriter;
import io.openloop.ledger.projection.trust.TrustReadModelWriter;
import io.openloop.ledger.query.trust.StoredTrustScores;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loop, profile and key-list queries against read models written by the real projections. */
class LoopQueryHandlerTest {

    private static MemoryMongo mongo;

    private ReadModelWriter writer;
    private TrustReadModelWriter trust;
    private LoopQueryHandler loops;
    private ApiKeyQueryHandler keys;

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
        MongoDatabase database = mongo.newDatabase();
        writer = new ReadModelWriter(database);
        trust = new TrustReadModelWriter(database);
        loops = new LoopQueryHandler(database, new StoredTrustScores(database));
        keys = new ApiKeyQueryHandler(database);
    }

    @Test
    void findLoopReturnsChildViewWithAncestors() {
        writer.topLevel("loop_root", "@root", LoopKind.DEVELOPER);
        writer.child("loop_mid", List.of("loop_root"), Set.of(Scope.AAP_SEND, Scope.AAP_READ), Set.of("sales"));
        writer.child("loop_leaf", List.of("loop_root", "loop_mid"), Set.of(Scope.AAP_SEND), Set.of("sales"));
        writer.suspended("loop_leaf", 2);

        LoopView view = loops.handle(new FindLoopQuery("loop_leaf"));

        assertThat(view.parentLoopId()).isEqualTo("loop_mid");
        assertThat(view.ancestors()).containsExactly("loop_root", "loop_mid");
        assertThat(view.permissions()).containsExactly(Scope.AAP_SEND);
        assertThat(view.skills()).containsExactly("sales");
        assertThat(view.kind()).isEqualTo(LoopKind.AGENT);
        assertThat(view.executionMode()).isEqualTo(ExecutionMode.AUTOPILOT);
        assertThat(view.verification()).isEqualTo(VerificationStatus.NOT_APPLICABLE);
        assertThat(view.status()).isEqualTo(LoopStatus.SUSPENDED);
        assertThat(view.version()).isEqualTo(2);
    }

    @Test
    void findUnknownLoopIsNotFound() {
        assertThatThrownBy(() -> loops.handle(new FindLoopQuery("loop_nope")))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void profileOfVerifiedBusinessIsVerified() {
        writer.topLevel("loop_biz", "@acme", LoopKind.BUSINESS);
        writer.verifiedBusiness("loop_biz");

        LoopProfile profile = loops.handle(new FindLoopProfileQuery(Handle.of("@ACME")));

        assertThat(profile).isEqualTo(new LoopProfile("@acme", "Loop @acme", LoopKind.BUSINESS, true, 50));
    }

    @Test
    void profileShowsStoredTrustScore() {
        writer.topLevel("loop_biz", "@acme", LoopKind.BUSINESS);
        trust.settled("task_1", "loop_buyer", "loop_biz", 10);

        LoopProfile profile = loops.handle(new FindLoopProfileQuery(Handle.of("@acme")));

        assertThat(profile.trustScore()).isEqualTo(67);
    }

    @Test
    void profileOfUnverifiedBusinessIsNotVerified() {
        writer.topLevel("loop_biz", "@acme", LoopKind.BUSINESS);

        assertThat(loops.handle(new FindLoopProfileQuery(Handle.of("@acme"))).verified())
                .isFalse();
    }

    @Test
    void profileOfUnknownHandleIsNotFound() {
        assertThatThrownBy(() -> loops.handle(new FindLoopProfileQuery(Handle.of("@ghost"))))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void keysAreListedNewestFirstWithRevokedOnes() {
        writer.topLevel("loop_root", "@root", LoopKind.DEVELOPER);
        writer.keyIssued("loop_root", "key_a", "a".repeat(64), Set.of(Scope.AAP_SEND), T0, null);
        writer.keyIssued("loop_root", "key_b", "b".repeat(64), Set.of(Scope.AAP_READ), T0.plusSeconds(5), null);
        writer.keyIssued("loop_root", "key_c", "c".repeat(64), Set.of(Scope.AAP_READ), T0.plusSeconds(9), null);
        writer.keyRevoked("loop_root", "key_b", T0.plusSeconds(10));

        List<ApiKeyView> views = keys.handle(new ListApiKeysQuery("loop_root"));

        assertThat(views).extracting(ApiKeyView::keyId).containsExactly("key_c", "key_b", "key_a");
        assertThat(views.get(1).revokedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(views.get(2).scopes()).containsExactly(Scope.AAP_SEND);
    }

    @Test
    void loopWithoutKeysListsNone() {
        writer.topLevel("loop_root", "@root", LoopKind.DEVELOPER);

        assertThat(keys.handle(new ListApiKeysQuery("loop_root"))).isEmpty();
    }

    @Test
    void keysOfUnknownLoopAreNotFound() {
        assertThatThrownBy(() -> keys.handle(new ListApiKeysQuery("loop_nope")))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
