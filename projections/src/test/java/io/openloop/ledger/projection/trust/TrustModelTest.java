package io.openloop.ledger.projection.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.trust.TrustComponents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trust formula as tables: weights, decay and the rounding of the score. */
class TrustModelTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private static TrustOutcome outcome(String cause, double weight, Instant at) {
        return new TrustOutcome(cause, "task_1", cause, weight, at);
    }

    private static int scoreOf(List<TrustOutcome> outcomes, Instant asOf) {
        return TrustModel.score(TrustModel.components(outcomes, asOf));
    }

    @Test
    void newLoopScoresFifty() {
        assertThat(TrustModel.score(TrustModel.noHistory())).isEqualTo(50);
        assertThat(scoreOf(List.of(), T0)).isEqualTo(50);
    }

    @Test
    void oneSettledSuccessScoresSixtySeven() {
        TrustComponents components = TrustModel.components(List.of(outcome("settled_task_v5", 1.0, T0)), T0);

        assertThat(components.alpha()).isEqualTo(2.0);
        assertThat(components.beta()).isEqualTo(1.0);
        assertThat(components.positive()).isEqualTo(1.0);
        assertThat(components.negative()).isZero();
        assertThat(components.contributions()).containsEntry("settled_task_v5", 1.0);
        assertThat(components.outcomes()).isEqualTo(1);
        assertThat(TrustModel.score(components)).isEqualTo(67);
    }

    @ParameterizedTest(name = "{0} weighs {1} and scores {2}")
    @CsvSource({"V0, 0.2, 55", "V1, 0.4, 58", "V2, 0.6, 62", "V3, 0.8, 64", "V4, 0.9, 66", "V5, 1.0, 67"})
    void successWeighsItsLevel(VerificationLevel level, double weight, int score) {
        assertThat(TrustModel.levelWeight(level)).isEqualTo(weight);
        assertThat(scoreOf(List.of(outcome("succeeded_invocation", weight, T0)), T0))
                .isEqualTo(score);
    }

    @ParameterizedTest(name = "{0} weighs {1} and scores {2}")
    @CsvSource({
        "failed_task, -1.0, 33",
        "failed_invocation, -1.0, 33",
        "refunded_dispute, -2.0, 25",
        "expired_offer, -0.5, 40",
        "missed_deadline, -1.0, 33",
        "policy_denial, -0.5, 40"
    })
    void eachNegativeLowersTheScore(String cause, double weight, int score) {
        TrustComponents components = TrustModel.components(List.of(outcome(cause, weight, T0)), T0);

        assertThat(components.negative()).isEqualTo(-weight);
        assertThat(components.beta()).isEqualTo(1 - weight);
        assertThat(components.positive()).isZero();
        assertThat(components.contributions()).containsEntry(cause, weight);
        assertThat(TrustModel.score(components)).isEqualTo(score);
    }

    @ParameterizedTest(name = "after {0} days an outcome counts {1}")
    @CsvSource({"0, 1.0", "45, 0.7071067811865476", "90, 0.5", "180, 0.25", "360, 0.0625"})
    void decayHalvesEveryHalfLife(long days, double factor) {
        Instant asOf = T0.plus(Duration.ofDays(days));

        assertThat(TrustModel.decay(T0, asOf)).isCloseTo(factor, within(1e-12));
    }

    @Test
    void decayHalvesAnOldOutcomesWeight() {
        Instant asOf = T0.plus(Duration.ofDays(90));
        List<TrustOutcome> outcomes = List.of(outcome("settled_task_v5", 1.0, T0), outcome("failed_task", -1.0, asOf));

        TrustComponents components = TrustModel.components(outcomes, asOf);

        assertThat(components.positive()).isEqualTo(0.5);
        assertThat(components.negative()).isEqualTo(1.0);
        assertThat(components.outcomes()).isEqualTo(2);
        // 100 * 1.5 / (1.5 + 2.0) = 42.86
        assertThat(TrustModel.score(components)).isEqualTo(43);
    }

    @Test
    void mixedHistoryScoresSixtyOne() {
        Instant asOf = T0.plus(Duration.ofDays(180));
        Instant ninetyDaysBefore = T0.plus(Duration.ofDays(90));
        List<TrustOutcome> outcomes = List.of(
                new TrustOutcome("settled_task", "task_1", "settled_task_v5", 1.0, T0),
                new TrustOutcome("settled_task", "task_2", "settled_task_v5", 1.0, ninetyDaysBefore),
                new TrustOutcome("failed_task", "task_3", "failed_task", -1.0, ninetyDaysBefore),
                new TrustOutcome("succeeded_invocation", "inv_1", "succeeded_invocation_v2", 0.6, asOf));

        TrustComponents components = TrustModel.components(outcomes, asOf);

        assertThat(components.positive()).isCloseTo(1.35, within(1e-12));
        assertThat(components.negative()).isEqualTo(0.5);
        assertThat(components.contributions()).containsEntry("settled_task_v5", 0.75);
        assertThat(components.outcomes()).isEqualTo(4);
        assertThat(TrustModel.score(components)).isEqualTo(61);
    }

    @Test
    void outcomeLaterThanAsOfIsNotInflated() {
        assertThat(TrustModel.decay(T0.plusSeconds(60), T0)).isEqualTo(1.0);
    }

    @Test
    void contributionsSumPerCause() {
        List<TrustOutcome> outcomes = List.of(
                new TrustOutcome("paid_task", "task_1", "paid_task", 1.0, T0),
                new TrustOutcome("paid_task", "task_2", "paid_task", 1.0, T0),
                new TrustOutcome("policy_denial", "inv_1", "policy_denial", -0.5, T0));

        TrustComponents components = TrustModel.components(outcomes, T0);

        assertThat(components.contributions()).containsEntry("paid_task", 2.0);
        assertThat(components.contributions()).containsEntry("policy_denial", -0.5);
        assertThat(components.contributions()).hasSize(2);
        // 100 * 3 / (3 + 1.5) = 66.67
        assertThat(TrustModel.score(components)).isEqualTo(67);
    }
}
