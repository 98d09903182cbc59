package io.openloop.ledger.query.trust;

import static io.openloop.ledger.projection.trust.TrustReadModelWriter.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.trust.FindTrustScoreQuery;
import io.openloop.ledger.messages.trust.TrustComponents;
import io.openloop.ledger.messages.trust.TrustPoint;
import io.openloop.ledger.messages.trust.TrustScoreView;
import io.openloop.ledger.projection.loop.MemoryMongo;
import io.openloop.ledger.projection.trust.TrustReadModelWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Trust score queries and the scores policy reads, against a read model written by the real projection. */
class TrustQueryHandlerTest {

    private static final String REQUESTER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XR";
    private static final String BUSINESS = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";

    private static MemoryMongo mongo;

    private TrustReadModelWriter writer;
    private TrustQueryHandler handler;
    private StoredTrustScores scores;

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
        writer = new TrustReadModelWriter(database);
        handler = new TrustQueryHandler(database);
        scores = new StoredTrustScores(database);
    }

    @Test
    void loopWithoutOutcomesScoresFifty() {
        TrustScoreView view = handler.handle(new FindTrustScoreQuery(BUSINESS));

        assertThat(view.loopId()).isEqualTo(BUSINESS);
        assertThat(view.score()).isEqualTo(50);
        assertThat(view.components()).isEqualTo(new TrustComponents(1, 1, 0, 0, Map.of(), 0));
        assertThat(view.halfLifeDays()).isEqualTo(90.0);
        assertThat(view.asOf()).isNull();
        assertThat(view.history()).isEmpty();
        assertThat(scores.scoreOf(BUSINESS)).isEqualTo(50);
    }

    @Test
    void storedScoreWithComponentsAndHistory() {
        writer.settled("task_1", REQUESTER, BUSINESS, 10);
        writer.denied("inv_1", REQUESTER, 20);

        TrustScoreView business = handler.handle(new FindTrustScoreQuery(BUSINESS));
        assertThat(business.score()).isEqualTo(67);
        assertThat(business.components()).isEqualTo(new TrustComponents(2, 1, 1, 0, Map.of("settled_task_v5", 1.0), 1));
        assertThat(business.asOf()).isEqualTo(T0.plusSeconds(10));
        assertThat(business.history())
                .containsExactly(new TrustPoint(67, "settled_task_v5", "task_1", T0.plusSeconds(10)));

        TrustScoreView requester = handler.handle(new FindTrustScoreQuery(REQUESTER));
        // 100 * 2 / (2 + 1.5) = 57.14
        assertThat(requester.score()).isEqualTo(57);
        // The payment is 10 seconds older than the denial, so it has decayed a little.
        assertThat(requester.components().contributions()).containsOnlyKeys("paid_task", "policy_denial");
        assertThat(requester.components().contributions().get("paid_task")).isCloseTo(1.0, within(1e-5));
        assertThat(requester.components().contributions().get("paid_task")).isLessThan(1.0);
        assertThat(requester.components().contributions()).containsEntry("policy_denial", -0.5);
        assertThat(requester.history()).extracting(TrustPoint::score).containsExactly(67, 57);
        assertThat(requester.history()).hasSize(2);
    }

    @Test
    void policyReadsTheStoredScore() {
        writer.denied("inv_1", REQUESTER, 20);

        assertThat(scores.scoreOf(REQUESTER)).isEqualTo(40);
        assertThat(scores.scoreOf(BUSINESS)).isEqualTo(50);
    }

    @Test
    void historyIsNewestLast() {
        writer.denied("inv_1", REQUESTER, 1);
        writer.denied("inv_2", REQUESTER, 2);

        List<TrustPoint> history =
                handler.handle(new FindTrustScoreQuery(REQUESTER)).history();

        assertThat(history).extracting(TrustPoint::subjectId).containsExactly("inv_1", "inv_2");
        assertThat(history).extracting(TrustPoint::score).containsExactly(40, 33);
    }
}
