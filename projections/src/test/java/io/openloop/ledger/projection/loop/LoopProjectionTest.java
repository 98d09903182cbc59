package io.openloop.ledger.projection.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.BusinessIdentity;
import io.openloop.ledger.messages.loop.BusinessIdentitySubmittedEvent;
import io.openloop.ledger.messages.loop.BusinessVerifiedEvent;
import io.openloop.ledger.messages.loop.ChildLoopRegisteredEvent;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopPermissionsChangedEvent;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopReinstatedEvent;
import io.openloop.ledger.messages.loop.LoopSuspendedEvent;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.projection.MemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code loops} read model, built by calling the projection as a plain object. */
class LoopProjectionTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private static MemoryMongo mongo;
    private static int databases;

    private LoopProjection projection;
    private MongoCollection<Document> loops;

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
        MongoDatabase database = mongo.database("loops_" + ++databases);
        projection = new LoopProjection(database);
        loops = database.getCollection(LoopReadModels.LOOPS);
    }

    private static LoopRegisteredEvent registered() {
        return new LoopRegisteredEvent(
                "loop_root",
                Handle.of("@acme"),
                "Acme",
                LoopKind.BUSINESS,
                Plan.PRO,
                Scope.all(),
                Set.of("*"),
                ExecutionMode.GUIDED,
                T0);
    }

    private static ChildLoopRegisteredEvent child() {
        return new ChildLoopRegisteredEvent(
                "loop_kid",
                "loop_root",
                List.of("loop_root"),
                Handle.of("@kid"),
                "Kid",
                Plan.PRO,
                Set.of(Scope.TOOLS_INVOKE, Scope.AAP_SEND),
                Set.of("sales", "billing"),
                ExecutionMode.SANDBOX,
                T0);
    }

    /** Applies a fixed history of both loops; sequence numbers as the aggregates would assign them. */
    private void applyHistory() {
        projection.on(registered(), 0);
        projection.on(child(), 0);
        projection.on(
                new LoopPermissionsChangedEvent("loop_kid", Set.of(Scope.AAP_SEND), Set.of("sales"), T0.plusSeconds(1)),
                2);
        projection.on(new LoopSuspendedEvent("loop_root", "abuse", T0.plusSeconds(2)), 2);
        projection.on(
                new BusinessIdentitySubmittedEvent(
                        "loop_root",
                        new BusinessIdentity("Acme LLC", "https://acme.example", "ops@acme.example", List.of("US")),
                        T0.plusSeconds(3)),
                3);
        projection.on(new BusinessVerifiedEvent("loop_root", "ok", T0.plusSeconds(4)), 4);
    }

    private Document loop(String loopId) {
        return loops.find(Filters.eq("_id", loopId)).first();
    }

    @Test
    void childDocumentHoldsAncestorsAndSortedSets() {
        projection.on(registered(), 0);
        projection.on(child(), 0);

        Document kid = loop("loop_kid");
        assertThat(kid.getList("ancestors", String.class)).containsExactly("loop_root");
        assertThat(kid.getString("parentLoopId")).isEqualTo("loop_root");
        assertThat(kid.getString("kind")).isEqualTo("agent");
        assertThat(kid.getList("permissions", String.class)).containsExactly("aap:send", "tools:invoke");
        assertThat(kid.getList("skills", String.class)).containsExactly("billing", "sales");
        assertThat(kid.getString("executionMode")).isEqualTo("sandbox");
        assertThat(kid.getString("verification")).isEqualTo("not_applicable");
    }

    @Test
    void historyUpdatesStatusPermissionsAndVerification() {
        applyHistory();

        Document root = loop("loop_root");
        assertThat(root.getString("status")).isEqualTo("suspended");
        assertThat(root.getString("suspensionReason")).isEqualTo("abuse");
        assertThat(root.getString("verification")).isEqualTo("verified");
        assertThat(root.get("business", Document.class).getString("legalName")).isEqualTo("Acme LLC");
        assertThat(root.getLong("version")).isEqualTo(4);
        Document kid = loop("loop_kid");
        assertThat(kid.getList("permissions", String.class)).containsExactly("aap:send");
        assertThat(kid.getLong("version")).isEqualTo(2);
    }

    @Test
    void eventAtOrBelowStoredVersionIsSkipped() {
        projection.on(registered(), 0);
        projection.on(new LoopSuspendedEvent("loop_root", null, T0.plusSeconds(1)), 3);

        projection.on(new LoopReinstatedEvent("loop_root", T0.plusSeconds(2)), 2);
        projection.on(new LoopReinstatedEvent("loop_root", T0.plusSeconds(2)), 3);

        assertThat(loop("loop_root").getString("status")).isEqualTo("suspended");
        assertThat(loop("loop_root").getLong("version")).isEqualTo(3);
    }

    @Test
    void replayingSameEventsTwiceGivesSameDocuments() {
        applyHistory();
        List<Document> first = loops.find().into(new ArrayList<>());

        applyHistory();
        List<Document> second = loops.find().into(new ArrayList<>());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void resetThenReplayRebuildsSameDocuments() {
        applyHistory();
        List<Document> first = loops.find().into(new ArrayList<>());

        projection.reset();
        assertThat(loops.countDocuments()).isZero();
        applyHistory();

        assertThat(loops.find().into(new ArrayList<>())).isEqualTo(first);
    }

    @Test
    void changeForMissingLoopIsSkipped() {
        projection.on(new LoopSuspendedEvent("loop_ghost", null, T0), 2);

        assertThat(loops.countDocuments()).isZero();
    }
}
