package io.openloop.ledger.command.loop;

import static io.openloop.ledger.command.loop.LoopFixtures.EVERY_SKILL;
import static io.openloop.ledger.command.loop.LoopFixtures.NOW;
import static io.openloop.ledger.command.loop.LoopFixtures.childRegistered;
import static io.openloop.ledger.command.loop.LoopFixtures.entry;
import static io.openloop.ledger.command.loop.LoopFixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopPermissionsChangedEvent;
import io.openloop.ledger.messages.loop.LoopReinstatedEvent;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.LoopSuspendedEvent;
import io.openloop.ledger.store.testing.InProcessMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MongoDB loop directory and its event handler, on the in-process store. */
class MongoLoopDirectoryTest {

    private static InProcessMongo mongo;

    private MongoDatabase database;
    private MongoLoopDirectory directory;
    private LoopDirectoryUpdater updater;

    @BeforeAll
    static void startMongo() {
        mongo = InProcessMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        database = mongo.newDatabase("directory");
        directory = new MongoLoopDirectory(database);
        updater = new LoopDirectoryUpdater(directory);
    }

    /** Root, then mid under root, then leaf under mid; root narrowed, then suspended and reinstated. */
    private void replayHistory() {
        updater.on(registered("loop_root", "@root", LoopKind.DEVELOPER), 0);
        updater.on(
                childRegistered(
                        "loop_mid",
                        "loop_root",
                        List.of("loop_root"),
                        Set.of(Scope.AAP_SEND, Scope.AAP_READ),
                        Set.of("sales")),
                0);
        updater.on(
                childRegistered(
                        "loop_leaf", "loop_mid", List.of("loop_root", "loop_mid"), Set.of(Scope.AAP_SEND), EVERY_SKILL),
                0);
        updater.on(
                new LoopPermissionsChangedEvent(
                        "loop_root", Set.of(Scope.AAP_SEND, Scope.TOOLS_INVOKE), EVERY_SKILL, NOW),
                2);
        updater.on(new LoopSuspendedEvent("loop_root", null, NOW), 3);
        updater.on(new LoopReinstatedEvent("loop_root", NOW), 4);
        updater.on(new LoopSuspendedEvent("loop_mid", null, NOW), 2);
    }

    private List<Document> documents() {
        return database.getCollection(MongoLoopDirectory.COLLECTION).find().into(new ArrayList<>());
    }

    @Test
    void lineageListsAncestorsTopLevelFirst() {
        replayHistory();

        LoopLineage leaf = directory.lineage("loop_leaf").orElseThrow();

        assertThat(leaf.chain())
                .extracting(LoopDirectoryEntry::loopId)
                .containsExactly("loop_root", "loop_mid", "loop_leaf");
    }

    @Test
    void replayedHistoryGivesEffectiveStateAlongChain() {
        replayHistory();

        var leaf = directory.lineage("loop_leaf").orElseThrow().effective();

        assertThat(leaf.scopes()).containsExactly(Scope.AAP_SEND);
        assertThat(leaf.skills()).containsExactly("sales");
        assertThat(leaf.suspendedLoopId()).isEqualTo("loop_mid");
    }

    @Test
    void replayingSameEventsTwiceGivesSameDocuments() {
        replayHistory();
        List<Document> first = documents();

        replayHistory();

        assertThat(documents()).isEqualTo(first);
    }

    @Test
    void olderWriteAfterNewerOneIsSkipped() {
        directory.record(entry("loop_root", List.of(), Scope.all(), EVERY_SKILL, LoopStatus.ACTIVE));
        directory.recordStatus("loop_root", LoopStatus.SUSPENDED, 5);

        directory.recordStatus("loop_root", LoopStatus.ACTIVE, 4);
        directory.recordPermissions("loop_root", Set.of(), Set.of(), 5);

        LoopDirectoryEntry root = directory.lineage("loop_root").orElseThrow().loop();
        assertThat(root.status()).isEqualTo(LoopStatus.SUSPENDED);
        assertThat(root.permissions()).isEqualTo(Scope.all());
        assertThat(root.version()).isEqualTo(5);
    }

    @Test
    void wholeEntryReplacesOlderOne() {
        directory.record(entry("loop_root", List.of(), Scope.all(), EVERY_SKILL, LoopStatus.ACTIVE));

        directory.record(new LoopDirectoryEntry(
                "loop_root",
                null,
                List.of(),
                Set.of(Scope.AAP_READ),
                Set.of("x"),
                LoopStatus.SUSPENDED,
                LoopKind.DEVELOPER,
                io.openloop.ledger.messages.loop.Plan.PRO,
                7));

        LoopDirectoryEntry root = directory.lineage("loop_root").orElseThrow().loop();
        assertThat(root.permissions()).containsExactly(Scope.AAP_READ);
        assertThat(root.status()).isEqualTo(LoopStatus.SUSPENDED);
        assertThat(root.version()).isEqualTo(7);
    }

    @Test
    void loopWithMissingAncestorHasNoLineage() {
        directory.record(
                entry("loop_leaf", List.of("loop_gone"), Set.of(Scope.AAP_SEND), EVERY_SKILL, LoopStatus.ACTIVE));

        assertThat(directory.lineage("loop_leaf")).isEmpty();
    }

    @Test
    void unknownLoopHasNoLineage() {
        assertThat(directory.lineage("loop_nope")).isEmpty();
    }

    @Test
    void changeBeforeRegistrationIsSkipped() {
        directory.recordStatus("loop_nope", LoopStatus.SUSPENDED, 3);

        assertThat(documents()).isEmpty();
    }
}
