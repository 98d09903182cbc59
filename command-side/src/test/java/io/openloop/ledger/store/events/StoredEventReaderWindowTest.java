package io.openloop.ledger.store.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import io.openloop.ledger.store.testing.InProcessMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Windows of positions over commits of many events on mongo-java-server, which returns a document of a multikey
 * {@code $in} query once per matching key: each commit must still come back from the store about once per window.
 */
class StoredEventReaderWindowTest {

    private static final int COMMIT = 50;
    private static final int COMMITS = 45;

    private final AtomicLong returned = new AtomicLong();
    private InProcessMongo mongo;
    private MongoDatabase database;
    private StoredEventReader reader;

    @BeforeEach
    void setUp() {
        CommandListener counter = new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                BsonDocument cursor = event.getResponse().getDocument("cursor", null);
                if (cursor != null) {
                    String batch = cursor.containsKey("firstBatch") ? "firstBatch" : "nextBatch";
                    returned.addAndGet(cursor.getArray(batch).size());
                }
            }
        };
        mongo = InProcessMongo.start(counter);
        database = mongo.newDatabase("window");
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(TestEvents.serializer())
                .build();
        for (int commit = 0; commit < COMMITS; commit++) {
            String account = TestEvents.newAccountId();
            List<DomainEventMessage<?>> events = new ArrayList<>();
            for (int seq = 0; seq < COMMIT; seq++) {
                events.add(TestEvents.credit(account, seq));
            }
            engine.appendEvents(events);
        }
        reader = new StoredEventReader(database);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void windowsReturnEveryPositionInOrder() {
        long head = reader.headPosition();
        assertThat(head).isEqualTo((long) COMMIT * COMMITS);

        List<StoredEntry> all = new ArrayList<>();
        for (long from = 0; from < head; from += 333) {
            all.addAll(reader.readPositions(from, Math.min(head, from + 333)));
        }

        assertThat(all).hasSize((int) head);
        for (int i = 0; i < all.size(); i++) {
            StoredEntry entry = all.get(i);
            assertThat(entry.position()).isEqualTo(i);
            assertThat(entry.kind()).as("position %d", i).isEqualTo(StoredEntry.Kind.EVENT);
            assertThat(entry.sequence()).isEqualTo(i % COMMIT);
            assertThat(entry.recomputeHash()).isEqualTo(entry.hash());
        }
    }

    @Test
    void commitsComeBackAboutOncePerWindow() {
        returned.set(0);

        reader.readPositions(0, 1000);

        assertThat(returned.get())
                .as("commits starting in [0, 1000) and the one containing position 0, not one copy per event")
                .isLessThanOrEqualTo(1000 / COMMIT + 1);
    }

    @Test
    void windowStartingInsideACommitFindsIt() {
        List<StoredEntry> window = reader.readPositions(25, 60);

        assertThat(window).extracting(StoredEntry::position).first().isEqualTo(25L);
        assertThat(window).allSatisfy(entry -> assertThat(entry.kind()).isEqualTo(StoredEntry.Kind.EVENT));
        assertThat(window.get(0).sequence()).isEqualTo(25);
        assertThat(window.get(25).sequence()).isZero();
    }

    @Test
    void positionsBeyondTheHeadAreMissing() {
        long head = reader.headPosition();

        List<StoredEntry> window = reader.readPositions(head - 5, head + 5);

        assertThat(window.subList(0, 5))
                .allSatisfy(entry -> assertThat(entry.kind()).isEqualTo(StoredEntry.Kind.EVENT));
        assertThat(window.subList(5, 10))
                .allSatisfy(entry -> assertThat(entry.kind()).isEqualTo(StoredEntry.Kind.MISSING));
    }

    @Test
    void commitWithMovedIdIsStillFound() {
        database.getCollection("events")
                .insertOne(new Document("_id", 5_000L)
                        .append("pos", List.of(7_000L))
                        .append("keys", List.of("~void:7000"))
                        .append("void", "aborted")
                        .append("ts", Instant.now().toString()));

        List<StoredEntry> window = reader.readPositions(6_990, 7_010);

        assertThat(window.get(10).kind()).isEqualTo(StoredEntry.Kind.VOID);
        assertThat(window.get(10).position()).isEqualTo(7_000);
    }
}
