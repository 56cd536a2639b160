package dev.demon.spring.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.demon.spring.report.ModelVersion;
import dev.demon.spring.report.PromotionDecision;
import dev.demon.spring.training.ModelMonitor;

/**
 * The decision of {@code demon.model.promotion}: {@code always} promotes without scores,
 * {@code if-better} promotes a challenger better than the champion by more than the
 * min-delta in the monitor's direction.
 */
class PromotionSettingsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

    private static final PromotionSettings IF_BETTER = new PromotionSettings(PromotionMode.IF_BETTER, 0.01f);

    @Test
    void alwaysPromotesWithoutScores() {
        PromotionDecision decision = PromotionSettings.ALWAYS.decide(ModelMonitor.VALIDATION_LOSS, version("b", null),
                version("a", null), 7, NOW);
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.mode()).isEqualTo("always");
        assertThat(decision.reason())
            .isEqualTo("demon.model.promotion = always: every completed run's best model is served");
        assertThat(decision.decidedByJobExecution()).isEqualTo(7);
        assertThat(decision.decidedAt()).isEqualTo("2026-12-05T06:00:00Z");
    }

    @Test
    void ifBetterPromotesTheFirstModel() {
        PromotionDecision decision = IF_BETTER.decide(ModelMonitor.VALIDATION_LOSS, version("b", 0.5f), null, 7, NOW);
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.reason()).isEqualTo("no model was served yet");
    }

    @Test
    void aLowerLossByMoreThanMinDeltaIsPromoted() {
        PromotionDecision decision = IF_BETTER.decide(ModelMonitor.VALIDATION_LOSS, version("b", 0.375f),
                version("a", 0.5f), 7, NOW);
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.monitor()).isEqualTo("validation-loss");
        assertThat(decision.minDelta()).isEqualTo(0.01f);
        assertThat(decision.reason())
            .isEqualTo("the challenger's validation-loss 0.375 is better than the champion's 0.5 by more than 0.01");
    }

    @Test
    void aLowerLossByNoMoreThanMinDeltaIsRejected() {
        PromotionDecision decision = IF_BETTER.decide(ModelMonitor.VALIDATION_LOSS, version("b", 0.495f),
                version("a", 0.5f), 7, NOW);
        assertThat(decision.promoted()).isFalse();
        assertThat(decision.reason()).isEqualTo(
                "the challenger's validation-loss 0.495 is not better than the champion's 0.5 by more than 0.01");
    }

    @Test
    void aHigherLossIsRejected() {
        assertThat(new PromotionSettings(PromotionMode.IF_BETTER, 0f)
            .decide(ModelMonitor.VALIDATION_LOSS, version("b", 0.75f), version("a", 0.5f), 7, NOW)
            .promoted()).isFalse();
    }

    @Test
    void anEqualScoreIsRejectedWithMinDeltaZero() {
        assertThat(new PromotionSettings(PromotionMode.IF_BETTER, 0f)
            .decide(ModelMonitor.VALIDATION_ACCURACY, version("b", 0.75f), version("a", 0.75f), 7, NOW)
            .promoted()).isFalse();
    }

    @Test
    void aHigherAccuracyByMoreThanMinDeltaIsPromoted() {
        PromotionDecision decision = IF_BETTER.decide(ModelMonitor.VALIDATION_ACCURACY, version("b", 0.8125f),
                version("a", 0.75f), 7, NOW);
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.reason()).isEqualTo(
                "the challenger's validation-accuracy 0.8125 is better than the champion's 0.75 by more than 0.01");
    }

    @Test
    void aLowerAccuracyIsRejected() {
        assertThat(IF_BETTER.decide(ModelMonitor.VALIDATION_ACCURACY, version("b", 0.5f), version("a", 0.75f), 7, NOW)
            .promoted()).isFalse();
    }

    @Test
    void aChallengerThatIsNotANumberIsRejected() {
        PromotionDecision decision = IF_BETTER.decide(ModelMonitor.VALIDATION_LOSS, version("b", Float.NaN),
                version("a", 0.5f), 7, NOW);
        assertThat(decision.promoted()).isFalse();
        assertThat(decision.reason()).isEqualTo("the challenger's validation-loss NaN is not a number");
    }

    @Test
    void aChampionThatCannotBeScoredIsReplaced() {
        PromotionDecision decision = IF_BETTER.decide(ModelMonitor.VALIDATION_LOSS, version("b", 0.5f),
                version("a", Float.NaN), 7, NOW);
        assertThat(decision.promoted()).isTrue();
        assertThat(decision.reason()).isEqualTo("the champion's validation-loss NaN is not a number");
    }

    @Test
    void theDecisionNamesBothModels() {
        PromotionDecision decision = IF_BETTER.decide(ModelMonitor.VALIDATION_LOSS, version("b", 0.375f),
                version("a", 0.5f), 7, NOW);
        assertThat(decision.challenger()).isEqualTo(version("b", 0.375f));
        assertThat(decision.champion()).isEqualTo(version("a", 0.5f));
    }

    @Test
    void aNegativeMinDeltaIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PromotionSettings(PromotionMode.IF_BETTER, -0.5f))
            .withMessage("promotion-min-delta must be >= 0 and finite, not -0.5");
    }

    private static ModelVersion version(String name, Float score) {
        return new ModelVersion(name, "/models/" + name, 1L, 1, 2, score);
    }

}
