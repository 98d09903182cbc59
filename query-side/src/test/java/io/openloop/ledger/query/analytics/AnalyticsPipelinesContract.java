package io.openloop.ledger.query.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.analytics.DurationFigures;
import io.openloop.ledger.messages.analytics.FindInvocationAnalyticsQuery;
import io.openloop.ledger.messages.analytics.FindInvocationDurationsQuery;
import io.openloop.ledger.messages.analytics.FindTrustDistributionQuery;
import io.openloop.ledger.messages.analytics.FindVerificationLevelsQuery;
import io.openloop.ledger.messages.analytics.InvocationAnalyticsView;
import io.openloop.ledger.messages.analytics.InvocationDurationsView;
import io.openloop.ledger.messages.analytics.InvocationFigures;
import io.openloop.ledger.messages.analytics.InvocationGrouping;
import io.openloop.ledger.messages.analytics.LoopVerificationLevels;
import io.openloop.ledger.messages.analytics.TrustBucket;
import io.openloop.ledger.messages.analytics.TrustDistributionView;
import io.openloop.ledger.messages.analytics.VerificationLevelsView;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.projection.analytics.AnalyticsReadModelWriter;
import io.openloop.ledger.projection.analytics.AnalyticsReadModelWriter.Tool;
import io.openloop.ledger.projection.loop.ReadModelWriter;
import io.openloop.ledger.projection.proof.ProofReadModelWriter;
import io.openloop.ledger.projection.trust.TrustReadModelWriter;
import io.openloop.ledger.projection.trust.TrustReadModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics pipelines against documents the real projections wrote, with every expected figure computed by hand.
 * Subclasses run it on the in-process store and on MongoDB 7.
 */
abstract class AnalyticsPipelinesContract {

    static final String LOOP_A = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    static final String LOOP_A1 = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7X1";
    static final String LOOP_B = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    static final String PUBLISHER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XP";
    static final Tool LEADS = new Tool("tool_01JE9Z4R8QZ4V2M1T6C3N5B7X1", "@pub/find_leads", PUBLISHER);
    static final Tool QUOTE = new Tool("tool_01JE9Z4R8QZ4V2M1T6C3N5B7X2", "@pub/quote", PUBLISHER);
    static final Instant DAY_1 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant DAY_2 = Instant.parse("2026-12-02T10:00:00Z");
    static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-12-03T00:00:00Z");
    static final List<String> TREE_A = List.of(LOOP_A, LOOP_A1);

    private MongoDatabase database;
    private AnalyticsReadModelWriter writer;
    private InvocationAnalyticsQueryHandler invocations;
    private LoopAnalyticsQueryHandler loops;

    /** Returns a database no other test has used. */
    abstract MongoDatabase newDatabase();

    @BeforeEach
    void setUp() {
        database = newDatabase();
        writer = new AnalyticsReadModelWriter(database);
        invocations = new InvocationAnalyticsQueryHandler(database);
        loops = new LoopAnalyticsQueryHandler(database);
    }

    /** Writes eleven invocations: nine of loop A's tree in the period, one of loop B, one of A before the period. */
    private void writeInvocations() {
        writer.published(LEADS, "sales_revenue_ops", DAY_1.minusSeconds(86_400 * 40));
        writer.published(QUOTE, "home_services", DAY_1.minusSeconds(86_400 * 40));
        writer.succeeded(inv(1), LOOP_A, LEADS, DAY_1, 100, 10);
        writer.failed(inv(2), LOOP_A, LEADS, DAY_1, 300);
        writer.succeeded(inv(3), LOOP_A1, LEADS, DAY_2, 200, 10);
        writer.approvedAndSucceeded(inv(4), LOOP_A, QUOTE, DAY_2, 400, 25);
        writer.rejected(inv(5), LOOP_A, QUOTE, DAY_2);
        writer.denied(inv(6), LOOP_A1, QUOTE, DAY_1);
        writer.blocked(inv(7), LOOP_A, QUOTE, DAY_1);
        writer.awaitingApproval(inv(8), LOOP_A, LEADS, DAY_2);
        writer.succeeded(inv(9), LOOP_B, LEADS, DAY_1, 50, 10);
        writer.succeeded(inv(10), LOOP_A, LEADS, DAY_1.minusSeconds(86_400 * 30), 70, 10);
        writer.simulated(inv(11), LOOP_A, LEADS, DAY_2, 30);
    }

    private static String inv(int n) {
        return "inv_01JE9Z4R8QZ4V2M1T6C3N5B" + String.format("%03d", n);
    }

    private InvocationAnalyticsView figures(List<String> loopIds, InvocationGrouping grouping, ExecutionMode mode) {
        return invocations.handle(new FindInvocationAnalyticsQuery(loopIds, FROM, TO, grouping, mode));
    }

    private static List<String> keys(InvocationAnalyticsView view) {
        return view.groups().stream().map(InvocationFigures::key).toList();
    }

    @Test
    void figuresByTool() {
        writeInvocations();

        InvocationAnalyticsView view = figures(TREE_A, InvocationGrouping.TOOL, null);

        assertThat(keys(view)).containsExactly(LEADS.toolId(), QUOTE.toolId());
        assertThat(view.groups().get(0))
                .isEqualTo(new InvocationFigures(
                        LEADS.toolId(), LEADS.toolName(), 5, 2, 1, 0, 0, 0, 0, 1, 1, 1, 0, 20, 2.0 / 3, 0.0));
        assertThat(view.groups().get(1))
                .isEqualTo(new InvocationFigures(
                        QUOTE.toolId(), QUOTE.toolName(), 4, 1, 0, 1, 1, 1, 0, 0, 0, 2, 1, 25, 1.0, 0.5));
        assertThat(view.total())
                .isEqualTo(new InvocationFigures(null, null, 9, 3, 1, 1, 1, 1, 0, 1, 1, 3, 1, 45, 0.75, 1.0 / 3));
    }

    @Test
    void figuresByDomain() {
        writeInvocations();

        InvocationAnalyticsView view = figures(TREE_A, InvocationGrouping.DOMAIN, null);

        assertThat(keys(view)).containsExactly("home_services", "sales_revenue_ops");
        assertThat(view.groups().get(0))
                .isEqualTo(new InvocationFigures("home_services", null, 4, 1, 0, 1, 1, 1, 0, 0, 0, 2, 1, 25, 1.0, 0.5));
        assertThat(view.groups().get(1))
                .isEqualTo(new InvocationFigures(
                        "sales_revenue_ops", null, 5, 2, 1, 0, 0, 0, 0, 1, 1, 1, 0, 20, 2.0 / 3, 0.0));
    }

    @Test
    void figuresByDay() {
        writeInvocations();

        InvocationAnalyticsView view = figures(TREE_A, InvocationGrouping.DAY, null);

        assertThat(keys(view)).containsExactly("2026-12-01", "2026-12-02");
        assertThat(view.groups().get(0))
                .isEqualTo(new InvocationFigures("2026-12-01", null, 4, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 10, 0.5, null));
        assertThat(view.groups().get(1))
                .isEqualTo(
                        new InvocationFigures("2026-12-02", null, 5, 2, 0, 0, 0, 1, 0, 1, 1, 3, 1, 35, 1.0, 1.0 / 3));
    }

    @Test
    void figuresOfEveryLoopForOperator() {
        writeInvocations();

        InvocationAnalyticsView view = figures(null, InvocationGrouping.TOOL, null);

        assertThat(view.total().count()).isEqualTo(10);
        assertThat(view.total().succeeded()).isEqualTo(4);
        assertThat(view.total().creditsCharged()).isEqualTo(55);
    }

    @Test
    void figuresOfOneMode() {
        writeInvocations();

        InvocationAnalyticsView view = figures(TREE_A, InvocationGrouping.DAY, ExecutionMode.SANDBOX);

        assertThat(keys(view)).containsExactly("2026-12-02");
        assertThat(view.total().count()).isEqualTo(1);
        assertThat(view.total().simulated()).isEqualTo(1);
    }

    @Test
    void figuresOfEmptyPeriod() {
        InvocationAnalyticsView view = figures(TREE_A, InvocationGrouping.TOOL, null);

        assertThat(view.groups()).isEmpty();
        assertThat(view.total().count()).isZero();
        assertThat(view.total().successRate()).isNull();
        assertThat(view.total().approvalRate()).isNull();
    }

    @Test
    void durationsOverallAndPerTool() {
        writeInvocations();

        InvocationDurationsView view = invocations.handle(new FindInvocationDurationsQuery(TREE_A, FROM, TO, null));

        // Sorted results 30, 100, 200, 300, 400: ranks ceil(2.5) = 3 and ceil(4.75) = 5.
        assertThat(view.overall()).isEqualTo(new DurationFigures(null, null, 5, 200L, 400L));
        // Find leads 30, 100, 200, 300: ranks ceil(2) = 2 and ceil(3.8) = 4. Quote 400 alone.
        assertThat(view.tools())
                .containsExactly(
                        new DurationFigures(LEADS.toolId(), LEADS.toolName(), 4, 100L, 300L),
                        new DurationFigures(QUOTE.toolId(), QUOTE.toolName(), 1, 400L, 400L));
    }

    @Test
    void durationsOfEmptyPeriod() {
        InvocationDurationsView view = invocations.handle(new FindInvocationDurationsQuery(TREE_A, FROM, TO, null));

        assertThat(view.overall()).isEqualTo(new DurationFigures(null, null, 0, null, null));
        assertThat(view.tools()).isEmpty();
    }

    @Test
    void percentilesOfOneToHundred() {
        writer.published(LEADS, "sales_revenue_ops", DAY_1);
        writer.published(QUOTE, "home_services", DAY_1);
        List<Integer> durations = new ArrayList<>();
        for (int ms = 1; ms <= 100; ms++) {
            durations.add(ms);
        }
        // Written out of order, so only the pipeline's sort can put them in order.
        Collections.shuffle(durations, new Random(7));
        for (int i = 0; i < durations.size(); i++) {
            writer.succeeded(inv(100 + i), LOOP_A, LEADS, DAY_1.plusSeconds(i), durations.get(i), 1);
        }
        for (int ms = 20; ms >= 1; ms--) {
            writer.failed(inv(300 + ms), LOOP_A, QUOTE, DAY_2, ms);
        }

        InvocationDurationsView view = invocations.handle(new FindInvocationDurationsQuery(TREE_A, FROM, TO, null));

        // 1..100: ranks ceil(50) = 50 and ceil(95) = 95. 1..20: ranks ceil(10) = 10 and ceil(19) = 19.
        assertThat(view.tools())
                .containsExactly(
                        new DurationFigures(LEADS.toolId(), LEADS.toolName(), 100, 50L, 95L),
                        new DurationFigures(QUOTE.toolId(), QUOTE.toolName(), 20, 10L, 19L));
        // All 120, sorted 1, 1, 2, 2, ..., 20, 20, 21, ..., 100: rank 60 is 40 and rank 114 is 94.
        assertThat(view.overall()).isEqualTo(new DurationFigures(null, null, 120, 40L, 94L));
    }

    @Test
    void trustDistribution() {
        ReadModelWriter loopWriter = new ReadModelWriter(database);
        loopWriter.topLevel(LOOP_A, "@loop_a", LoopKind.DEVELOPER);
        loopWriter.child(LOOP_A1, List.of(LOOP_A), Set.of(Scope.AUDIT_READ), Set.of("*"));
        loopWriter.topLevel(LOOP_B, "@loop_b", LoopKind.DEVELOPER);
        TrustReadModelWriter trust = new TrustReadModelWriter(database);
        // One denial: alpha 1, beta 1.5, score 40. One settled task: alpha 2, beta 1, score 67.
        trust.denied(inv(1), LOOP_A, 0);
        trust.settled("task_01JE9Z4R8QZ4V2M1T6C3N5B7XT", LOOP_A1, LOOP_B, 0);
        Instant to = ReadModelWriter.T0.plusSeconds(1);

        TrustDistributionView all = loops.handle(new FindTrustDistributionQuery(null, null, to));
        TrustDistributionView treeA = loops.handle(new FindTrustDistributionQuery(TREE_A, null, to));
        TrustDistributionView before = loops.handle(new FindTrustDistributionQuery(null, null, ReadModelWriter.T0));

        // Loop A1 paid for the task, so it has a score of 67 too.
        assertThat(counts(all)).isEqualTo(Map.of(40, 1L, 60, 2L));
        assertThat(all.loops()).isEqualTo(3);
        assertThat(counts(treeA)).isEqualTo(Map.of(40, 1L, 60, 1L));
        assertThat(before.loops()).isZero();
        assertThat(all.buckets()).hasSize(10);
        assertThat(all.buckets().get(9)).isEqualTo(new TrustBucket(90, 100, 0));
    }

    @Test
    void trustBucketEdgesAndLoopsWithoutHistory() {
        ReadModelWriter loopWriter = new ReadModelWriter(database);
        Map<String, Integer> scores = Map.of(
                "loop_01JE9Z4R8QZ4V2M1T6C3N5B7S0", 0,
                "loop_01JE9Z4R8QZ4V2M1T6C3N5B7S9", 9,
                "loop_01JE9Z4R8QZ4V2M1T6C3N5B7SA", 10,
                "loop_01JE9Z4R8QZ4V2M1T6C3N5B7SB", 99,
                "loop_01JE9Z4R8QZ4V2M1T6C3N5B7SC", 100);
        int handle = 0;
        for (Map.Entry<String, Integer> score : scores.entrySet()) {
            loopWriter.topLevel(score.getKey(), "@edge_" + handle++, LoopKind.DEVELOPER);
            // Only the score matters to the pipeline, so the trust document is written directly.
            database.getCollection(TrustReadModels.TRUST_SCORES)
                    .insertOne(new Document("_id", score.getKey()).append("score", score.getValue()));
        }
        loopWriter.topLevel(LOOP_A, "@no_history", LoopKind.DEVELOPER);

        TrustDistributionView view =
                loops.handle(new FindTrustDistributionQuery(null, null, ReadModelWriter.T0.plusSeconds(1)));

        assertThat(counts(view)).isEqualTo(Map.of(0, 2L, 10, 1L, 50, 1L, 90, 2L));
        assertThat(view.loops()).isEqualTo(6);
    }

    private static Map<Integer, Long> counts(TrustDistributionView view) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        for (TrustBucket bucket : view.buckets()) {
            if (bucket.loops() > 0) {
                counts.put(bucket.from(), bucket.loops());
            }
        }
        return counts;
    }

    @Test
    void verificationLevelsByLoop() {
        ProofReadModelWriter proofs = new ProofReadModelWriter(database);
        proofs.attached(
                prf(1), ProofSubjectType.TASK, "task_01JE9Z4R8QZ4V2M1T6C3N5B7X1", LOOP_A, VerificationLevel.V1, 0);
        proofs.attached(
                prf(2), ProofSubjectType.TASK, "task_01JE9Z4R8QZ4V2M1T6C3N5B7X1", LOOP_A, VerificationLevel.V2, 1);
        proofs.attached(prf(3), ProofSubjectType.INVOCATION, inv(1), LOOP_A, VerificationLevel.V0, 2);
        proofs.attached(
                prf(4), ProofSubjectType.TASK, "task_01JE9Z4R8QZ4V2M1T6C3N5B7X4", LOOP_A, VerificationLevel.V2, 3);
        proofs.disputed(prf(4), "task_01JE9Z4R8QZ4V2M1T6C3N5B7X4", LOOP_A, LOOP_B, 1);
        proofs.attached(
                prf(5), ProofSubjectType.TASK, "task_01JE9Z4R8QZ4V2M1T6C3N5B7X5", LOOP_A1, VerificationLevel.V1, 4);
        proofs.attached(
                prf(6), ProofSubjectType.TASK, "task_01JE9Z4R8QZ4V2M1T6C3N5B7X6", LOOP_B, VerificationLevel.V1, 5);
        proofs.attached(prf(7), ProofSubjectType.INVOCATION, inv(2), LOOP_A, VerificationLevel.V1, -86_400 * 2);
        Instant from = Instant.parse("2026-12-04T00:00:00Z");
        Instant to = Instant.parse("2026-12-05T00:00:00Z");

        VerificationLevelsView view = loops.handle(new FindVerificationLevelsQuery(TREE_A, from, to));

        assertThat(view.loops()).extracting(LoopVerificationLevels::loopId).containsExactly(LOOP_A1, LOOP_A);
        LoopVerificationLevels a = view.loops().get(1);
        assertThat(a.proofs()).isEqualTo(levels(1, 1, 2, 0, 0, 0));
        assertThat(a.subjects()).isEqualTo(levels(1, 0, 2, 0, 0, 0));
        assertThat(a.disputedProofs()).isEqualTo(1);
        LoopVerificationLevels a1 = view.loops().get(0);
        assertThat(a1.proofs()).isEqualTo(levels(0, 1, 0, 0, 0, 0));
        assertThat(a1.subjects()).isEqualTo(levels(0, 1, 0, 0, 0, 0));
        assertThat(a1.disputedProofs()).isZero();
        assertThat(loops.handle(new FindVerificationLevelsQuery(null, from, to)).loops())
                .hasSize(3);
    }

    private static String prf(int n) {
        return "prf_01JE9Z4R8QZ4V2M1T6C3N5B" + String.format("%03d", n);
    }

    private static Map<VerificationLevel, Long> levels(long... counts) {
        Map<VerificationLevel, Long> levels = new java.util.EnumMap<>(VerificationLevel.class);
        for (VerificationLevel level : VerificationLevel.values()) {
            levels.put(level, counts[level.ordinal()]);
        }
        return levels;
    }
}
