package io.openloop.ledger.store.events;

import static com.mongodb.client.model.Filters.eq;
import static io.openloop.ledger.store.events.TestEvents.ACCOUNT;
import static io.openloop.ledger.store.events.TestEvents.credit;
import static io.openloop.ledger.store.events.TestEvents.newAccountId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.store.testing.DeadWriter;
import io.openloop.ledger.store.testing.InProcessMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoredEventReaderTest {

    private static InProcessMongo mongo;

    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private StoredEventReader reader;

    @BeforeAll
    static void startServer() {
        mongo = InProcessMongo.start();
        System.out.println("StoredEventReader tests run on " + mongo.description());
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void newStore() {
        database = mongo.newDatabase("reader");
        engine = MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(TestEvents.serializer())
                .build();
        reader = new StoredEventReader(database);
    }

    @Test
    void emptyStoreHasHeadZero() {
        assertThat(reader.headPosition()).isZero();
        assertThat(reader.readPositions(0, 0)).isEmpty();
    }

    @Test
    void eventsReadWithEveryStoredField() {
        String account = newAccountId();
        engine.appendEvents(credit(account, 0));
        engine.appendEvents(credit(account, 1), credit(account, 2));

        List<StoredEntry> entries = reader.readPositions(0, reader.headPosition());

        assertThat(reader.headPosition()).isEqualTo(3);
        assertThat(entries).extracting(StoredEntry::kind).containsOnly(StoredEntry.Kind.EVENT);
        assertThat(entries).extracting(StoredEntry::position).containsExactly(0L, 1L, 2L);
        assertThat(entries).extracting(StoredEntry::sequence).containsExactly(0L, 1L, 2L);
        assertThat(entries).extracting(StoredEntry::stream).containsOnly(account);
        assertThat(entries).extracting(StoredEntry::aggregateType).containsOnly(ACCOUNT);
        StoredEntry second = entries.get(1);
        assertThat(second.eventId()).isNotBlank();
        assertThat(second.type()).isEqualTo(TestEvents.CreditsRecorded.class.getName());
        assertThat(second.timestamp()).isNotBlank();
        assertThat(second.payload()).contains("\"amount\":101");
        assertThat(second.metadata()).contains("\"traceId\":\"trace-1\"");
        assertThat(second.voidReason()).isNull();
        assertThat(entries.get(0).prev()).isNull();
        assertThat(second.prev()).isEqualTo(entries.get(0).hash());
        assertThat(entries.get(2).prev()).isEqualTo(second.hash());
    }

    @Test
    void recomputedHashMatchesStoredHash() {
        String account = newAccountId();
        engine.appendEvents(credit(account, 0), credit(account, 1));

        for (StoredEntry entry : reader.readPositions(0, 2)) {
            assertThat(entry.recomputeHash()).as("hash at %d", entry.position()).isEqualTo(entry.hash());
        }
    }

    @Test
    void recomputedHashSeesChangedPayload() {
        String account = newAccountId();
        engine.appendEvents(credit(account, 0));
        Document commit = database.getCollection("events").find(eq("_id", 0L)).first();
        Document event = CommitDocuments.events(commit).get(0);
        event.put(
                CommitDocuments.EVENT_PAYLOAD,
                event.getString(CommitDocuments.EVENT_PAYLOAD).replace("\"amount\":100", "\"amount\":900"));
        database.getCollection("events").replaceOne(eq("_id", 0L), commit);

        StoredEntry entry = reader.readPositions(0, 1).get(0);

        assertThat(entry.recomputeHash()).isNotEqualTo(entry.hash());
    }

    @Test
    void eventOutsideAggregatesIsItsOwnStream() {
        EventMessage<?> event = new GenericEventMessage<>(new TestEvents.CreditsRecorded("acct_x", 1, "n", null));
        engine.appendEvents(event);

        StoredEntry entry = reader.readPositions(0, 1).get(0);

        assertThat(entry.kind()).isEqualTo(StoredEntry.Kind.EVENT);
        assertThat(entry.stream()).isEqualTo(event.getIdentifier());
        assertThat(entry.aggregateType()).isNull();
        assertThat(entry.sequence()).isZero();
        assertThat(entry.recomputeHash()).isEqualTo(entry.hash());
    }

    @Test
    void voidPositionsCarryTheirReason() {
        String account = newAccountId();
        engine.appendEvents(credit(account, 0), credit(account, 1));
        assertThatThrownBy(() -> engine.appendEvents(credit(account, 1), credit(account, 2)))
                .isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(credit(account, 2));

        List<StoredEntry> entries = reader.readPositions(0, 5);

        assertThat(entries)
                .extracting(StoredEntry::kind)
                .containsExactly(
                        StoredEntry.Kind.EVENT,
                        StoredEntry.Kind.EVENT,
                        StoredEntry.Kind.VOID,
                        StoredEntry.Kind.VOID,
                        StoredEntry.Kind.EVENT);
        assertThat(entries.get(2).voidReason()).isEqualTo("aborted");
        assertThat(entries.get(3).voidReason()).isEqualTo("aborted");
        assertThat(entries.get(2).stream()).isNull();
        assertThat(entries.get(2).hash()).isNull();
        assertThat(entries.get(4).sequence()).isEqualTo(2L);
    }

    @Test
    void unstoredPositionsAreMissing() {
        String account = newAccountId();
        engine.appendEvents(credit(account, 0));
        DeadWriter.takePositions(database, 2);
        engine.appendEvents(credit(account, 1));

        List<StoredEntry> entries = reader.readPositions(0, reader.headPosition());

        assertThat(entries)
                .extracting(StoredEntry::kind)
                .containsExactly(
                        StoredEntry.Kind.EVENT,
                        StoredEntry.Kind.MISSING,
                        StoredEntry.Kind.MISSING,
                        StoredEntry.Kind.EVENT);
        assertThat(entries.get(1).position()).isEqualTo(1L);
        assertThat(entries.get(1).hash()).isNull();
        assertThatThrownBy(() -> entries.get(1).recomputeHash()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void windowCutsThroughACommit() {
        String account = newAccountId();
        engine.appendEvents(credit(account, 0), credit(account, 1), credit(account, 2), credit(account, 3));

        List<StoredEntry> entries = reader.readPositions(1, 3);

        assertThat(entries).extracting(StoredEntry::position).containsExactly(1L, 2L);
        assertThat(entries).extracting(StoredEntry::sequence).containsExactly(1L, 2L);
    }

    @Test
    void windowsBeyondTheLimitRejected() {
        assertThatThrownBy(() -> reader.readPositions(0, StoredEventReader.MAX_WINDOW + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.readPositions(-1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.readPositions(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.readStream("s", 0, StoredEventReader.MAX_WINDOW + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(reader.readPositions(7, 7 + StoredEventReader.MAX_WINDOW)).hasSize(StoredEventReader.MAX_WINDOW);
    }

    @Test
    void streamReadInSequenceOrder() {
        String account = newAccountId();
        String other = newAccountId();
        engine.appendEvents(credit(account, 0));
        engine.appendEvents(credit(other, 0));
        engine.appendEvents(credit(account, 1), credit(account, 2));

        List<StoredEntry> entries = reader.readStream(account, 0, 10);

        assertThat(entries).extracting(StoredEntry::sequence).containsExactly(0L, 1L, 2L);
        assertThat(entries).extracting(StoredEntry::position).containsExactly(0L, 2L, 3L);
        assertThat(entries).extracting(StoredEntry::stream).containsOnly(account);
    }

    @Test
    void streamReadFromTheMiddleOfACommit() {
        String account = newAccountId();
        engine.appendEvents(credit(account, 0), credit(account, 1), credit(account, 2));

        List<StoredEntry> entries = reader.readStream(account, 1, 2);

        assertThat(entries).extracting(StoredEntry::sequence).containsExactly(1L);
        assertThat(entries.get(0).position()).isEqualTo(1L);
    }

    @Test
    void streamWithHoleLeavesItOut() {
        String account = newAccountId();
        engine.appendEvents(credit(account, 0));
        engine.appendEvents(credit(account, 1));
        engine.appendEvents(credit(account, 2));
        database.getCollection("events").deleteOne(eq("_id", 1L));

        List<StoredEntry> entries = reader.readStream(account, 0, 5);

        assertThat(entries).extracting(StoredEntry::sequence).containsExactly(0L, 2L);
        assertThat(entries.get(1).prev()).isNotEqualTo(entries.get(0).hash());
    }

    @Test
    void unknownStreamReadsEmpty() {
        engine.appendEvents(credit(newAccountId(), 0));

        assertThat(reader.readStream("acct_" + UUID.randomUUID(), 0, 10)).isEmpty();
    }

    @Test
    void longStreamReadInWindows() {
        String account = newAccountId();
        for (int first = 0; first < 1_500; first += 100) {
            List<EventMessage<?>> commit = new ArrayList<>();
            for (int seq = first; seq < first + 100; seq++) {
                commit.add(credit(account, seq));
            }
            engine.appendEvents(commit);
        }

        List<StoredEntry> first = reader.readStream(account, 0, StoredEventReader.MAX_WINDOW);
        List<StoredEntry> second = reader.readStream(account, StoredEventReader.MAX_WINDOW, 2_000);

        assertThat(first).hasSize(1_000);
        assertThat(second).hasSize(500);
        assertThat(second.get(0).sequence()).isEqualTo(1_000L);
        assertThat(second.get(0).prev()).isEqualTo(first.get(999).hash());
        assertThat(reader.readPositions(1_000, 1_500))
                .extracting(StoredEntry::sequence)
                .containsExactlyElementsOf(
                        second.stream().map(StoredEntry::sequence).toList());
    }
}
