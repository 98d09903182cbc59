package io.openloop.ledger.projection.credit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.openloop.ledger.messages.credit.CreditAccountOpenedEvent;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditsGrantedEvent;
import io.openloop.ledger.messages.credit.CreditsHeldEvent;
import io.openloop.ledger.messages.credit.CreditsReceivedEvent;
import io.openloop.ledger.messages.credit.CreditsTransferredEvent;
import io.openloop.ledger.messages.credit.HoldCapturedEvent;
import io.openloop.ledger.messages.credit.HoldReleasedEvent;
import io.openloop.ledger.projection.MemoryMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The credit read models, built by calling the projection as a plain object. */
class CreditAccountProjectionTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final String A = "acct_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String B = "acct_01JE9Z4R8QZ4V2M1T6C3N5B7XB";

    private static MemoryMongo mongo;
    private static int databases;

    private CreditAccountProjection projection;
    private MongoCollection<Document> accounts;
    private MongoCollection<Document> holds;
    private MongoCollection<Document> entries;

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
        MongoDatabase database = mongo.database("credits_" + ++databases);
        projection = new CreditAccountProjection(database);
        accounts = database.getCollection(CreditReadModels.ACCOUNTS);
        holds = database.getCollection(CreditReadModels.HOLDS);
        entries = database.getCollection(CreditReadModels.ENTRIES);
    }

    /** An event with the sequence number it has in its account's stream. */
    private record Sequenced(Object event, long sequence) {}

    /**
     * Returns a history in which a hold of A is captured in part to B, another expires, A transfers to B, and B
     * receives both movements. Sequence numbers leave gaps where the aggregate records deadline schedules, which the
     * projection does not read.
     */
    private static List<Sequenced> history() {
        return List.of(
                new Sequenced(new CreditAccountOpenedEvent(A, "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA", T0), 0),
                new Sequenced(new CreditsGrantedEvent(A, "opening", 1_000, "opening grant", 1_000, T0), 1),
                new Sequenced(new CreditAccountOpenedEvent(B, "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB", T0), 0),
                new Sequenced(new CreditsHeldEvent(A, "h1", 100, "inv_1", T0.plusSeconds(600), 900, T0), 2),
                new Sequenced(new CreditsHeldEvent(A, "h2", 50, "inv_2", T0.plusSeconds(600), 850, T0), 4),
                new Sequenced(new HoldCapturedEvent(A, "h1", 60, 40, B, "inv_1", 940, 890, T0.plusSeconds(1)), 6),
                new Sequenced(
                        new HoldReleasedEvent(A, "h2", 50, "inv_2", true, "expired", 940, T0.plusSeconds(600)), 7),
                new Sequenced(new CreditsTransferredEvent(A, "t1", B, 200, "funding", 740, T0.plusSeconds(2)), 8),
                new Sequenced(new CreditsReceivedEvent(B, "h1", A, 60, 60, T0.plusSeconds(3)), 1),
                new Sequenced(new CreditsReceivedEvent(B, "t1", A, 200, 260, T0.plusSeconds(4)), 2));
    }

    private void apply(List<Sequenced> events) {
        for (Sequenced sequenced : events) {
            Object event = sequenced.event();
            long sequence = sequenced.sequence();
            if (event instanceof CreditAccountOpenedEvent e) {
                projection.on(e, sequence);
            } else if (event instanceof CreditsGrantedEvent e) {
                projection.on(e, sequence);
            } else if (event instanceof CreditsHeldEvent e) {
                projection.on(e, sequence);
            } else if (event instanceof HoldCapturedEvent e) {
                projection.on(e, sequence);
            } else if (event instanceof HoldReleasedEvent e) {
                projection.on(e, sequence);
            } else if (event instanceof CreditsTransferredEvent e) {
                projection.on(e, sequence);
            } else if (event instanceof CreditsReceivedEvent e) {
                projection.on(e, sequence);
            } else {
                throw new IllegalArgumentException("no handler for " + event);
            }
        }
    }

    private Document account(String accountId) {
        return accounts.find(Filters.eq("_id", accountId)).first();
    }

    private List<Document> all(MongoCollection<Document> collection) {
        return collection.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    @Test
    void accountShowsBalanceHeldAndAvailable() {
        apply(history().subList(0, 5));

        Document a = account(A);
        assertThat(a.getLong("balance")).isEqualTo(1_000L);
        assertThat(a.getLong("held")).isEqualTo(150L);
        assertThat(a.getLong("available")).isEqualTo(850L);
        assertThat(a.getList("openHolds", String.class)).containsExactly("h1", "h2");
        assertThat(a.getLong("version")).isEqualTo(4L);
    }

    @Test
    void resolvedHoldsLeaveTheAccount() {
        apply(history());

        Document a = account(A);
        assertThat(a.getLong("balance")).isEqualTo(740L);
        assertThat(a.getLong("held")).isZero();
        assertThat(a.getLong("available")).isEqualTo(740L);
        assertThat(a.getList("openHolds", String.class)).isEmpty();
        assertThat(account(B).getLong("balance")).isEqualTo(260L);
    }

    @Test
    void holdsRecordHowTheyWereResolved() {
        apply(history());

        Document captured =
                holds.find(Filters.eq("_id", CreditReadModels.holdKey(A, "h1"))).first();
        Document expired =
                holds.find(Filters.eq("_id", CreditReadModels.holdKey(A, "h2"))).first();
        assertThat(captured.getString("state")).isEqualTo("CAPTURED");
        assertThat(captured.getLong("captured")).isEqualTo(60L);
        assertThat(expired.getString("state")).isEqualTo("EXPIRED");
        assertThat(expired.getLong("captured")).isZero();
    }

    @Test
    void entriesOfAllAccountsSumToZero() {
        apply(history());

        long sum = all(entries).stream()
                .mapToLong(entry -> entry.getLong("amount"))
                .sum();
        assertThat(sum).isZero();
    }

    @Test
    void inTransitIsClearedOnceEveryMovementLanded() {
        apply(history());

        long inTransit =
                entries.find(Filters.eq("accountId", CreditAccounts.IN_TRANSIT)).into(new ArrayList<>()).stream()
                        .mapToLong(entry -> entry.getLong("amount"))
                        .sum();
        assertThat(inTransit).isZero();
    }

    @Test
    void accountEntriesCarryKindAndBalanceAfter() {
        apply(history());

        List<Document> ofA = entries.find(Filters.eq("accountId", A))
                .sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
        assertThat(ofA)
                .extracting(entry -> entry.getString("kind"))
                .containsExactly("GRANT", "CAPTURE", "TRANSFER_OUT");
        assertThat(ofA).extracting(entry -> entry.getLong("amount")).containsExactly(1_000L, -60L, -200L);
        assertThat(ofA).extracting(entry -> entry.getLong("balanceAfter")).containsExactly(1_000L, 940L, 740L);
        assertThat(ofA)
                .extracting(entry -> entry.getString("_id"))
                .containsExactly(
                        CreditReadModels.entryKey(A, 1),
                        CreditReadModels.entryKey(A, 6),
                        CreditReadModels.entryKey(A, 8));
    }

    @Test
    void redeliveredEventsChangeNothing() {
        apply(history());
        List<Document> before = all(accounts);
        long entryCount = entries.countDocuments();

        apply(history());

        assertThat(all(accounts)).isEqualTo(before);
        assertThat(entries.countDocuments()).isEqualTo(entryCount);
    }

    @Test
    void replayAfterResetWritesIdenticalDocuments() {
        apply(history());
        List<Document> accountsBefore = all(accounts);
        List<Document> holdsBefore = all(holds);
        List<Document> entriesBefore = all(entries);

        projection.reset();
        assertThat(accounts.countDocuments()).isZero();
        apply(history());

        assertThat(all(accounts)).isEqualTo(accountsBefore);
        assertThat(all(holds)).isEqualTo(holdsBefore);
        assertThat(all(entries)).isEqualTo(entriesBefore);
    }

    @Test
    void entryKeysOfAnAccountSortBySequence() {
        assertThat(CreditReadModels.entryKey(A, 9)).isLessThan(CreditReadModels.entryKey(A, 10));
        assertThat(CreditReadModels.sequenceOf(A, CreditReadModels.entryKey(A, 42)))
                .isEqualTo(42L);
        assertThat(CreditReadModels.sequenceOf(B, CreditReadModels.entryKey(A, 42)))
                .isEqualTo(-1L);
    }
}
