package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.demon.spring.report.EpochSummary;

/**
 * Which epoch a monitor picks, and which monitor a pipeline gets: its
 * {@code @TrainingPipeline(monitor)}, else {@code demon.model.monitor}, else validation
 * accuracy with an accuracy evaluator and validation loss without.
 */
class ModelMonitorTest {

    private static final List<EpochSummary> HISTORY = List.of(epoch(1, 0.9f, 0.70f), epoch(2, 0.5f, 0.80f),
            epoch(3, 0.6f, 0.80f), epoch(4, 0.4f, 0.75f));

    private static EpochSummary epoch(int epoch, float validationLoss, float validationAccuracy) {
        return new EpochSummary(epoch, 1f, 0.5f, validationLoss, validationAccuracy, 0.9f, 0.01f, 100);
    }

    @Test
    void validationAccuracyPicksTheHighest() {
        List<EpochSummary> history = List.of(epoch(1, 0.9f, 0.70f), epoch(2, 0.5f, 0.80f), epoch(3, 0.4f, 0.75f));
        assertThat(ModelMonitor.VALIDATION_ACCURACY.best(history)).get().extracting(EpochSummary::epoch).isEqualTo(2);
    }

    @Test
    void validationAccuracyTiedGoesToTheLowerValidationLossEvenInALaterEpoch() {
        // Epochs 2, 3 and 4 reach 0.8125 (13 of 16); epoch 3's loss is the lowest.
        List<EpochSummary> history = List.of(epoch(1, 0.9f, 0.75f), epoch(2, 0.52f, 0.8125f), epoch(3, 0.47f, 0.8125f),
                epoch(4, 0.49f, 0.8125f));
        assertThat(ModelMonitor.VALIDATION_ACCURACY.best(history)).get().extracting(EpochSummary::epoch).isEqualTo(3);
    }

    @Test
    void validationAccuracyAndLossBothTiedGoToTheEarlierEpoch() {
        List<EpochSummary> history = List.of(epoch(1, 0.5f, 0.8125f), epoch(2, 0.5f, 0.8125f));
        assertThat(ModelMonitor.VALIDATION_ACCURACY.best(history)).get().extracting(EpochSummary::epoch).isEqualTo(1);
    }

    @Test
    void validationLossTiedGoesToTheEarlierEpoch() {
        List<EpochSummary> history = List.of(epoch(1, 0.5f, 0.70f), epoch(2, 0.4f, 0.75f), epoch(3, 0.4f, 0.80f));
        assertThat(ModelMonitor.VALIDATION_LOSS.best(history)).get().extracting(EpochSummary::epoch).isEqualTo(2);
    }

    @Test
    void validationLossPicksTheLowest() {
        assertThat(ModelMonitor.VALIDATION_LOSS.best(HISTORY)).get().extracting(EpochSummary::epoch).isEqualTo(4);
    }

    @Test
    void noEpochHasNoBest() {
        assertThat(ModelMonitor.VALIDATION_LOSS.best(List.of())).isEmpty();
    }

    @Test
    void pipelineWithAnAccuracyEvaluatorAndNoChoiceMonitorsValidationAccuracy() {
        assertThat(ModelMonitor.select("p", "", null, true)).isEqualTo(ModelMonitor.VALIDATION_ACCURACY);
    }

    @Test
    void pipelineWithoutAnAccuracyEvaluatorAndNoChoiceMonitorsValidationLoss() {
        assertThat(ModelMonitor.select("p", "", null, false)).isEqualTo(ModelMonitor.VALIDATION_LOSS);
    }

    @Test
    void propertyChoosesForAPipelineWhoseAnnotationSetsNone() {
        assertThat(ModelMonitor.select("p", "", ModelMonitor.VALIDATION_LOSS, true))
            .isEqualTo(ModelMonitor.VALIDATION_LOSS);
    }

    @Test
    void annotationOverridesTheProperty() {
        assertThat(ModelMonitor.select("p", "validation-loss", ModelMonitor.VALIDATION_ACCURACY, true))
            .isEqualTo(ModelMonitor.VALIDATION_LOSS);
        assertThat(ModelMonitor.select("p", "validation-accuracy", ModelMonitor.VALIDATION_LOSS, true))
            .isEqualTo(ModelMonitor.VALIDATION_ACCURACY);
    }

    @Test
    void validationAccuracyPropertyForAPipelineWithoutAccuracyIsRefusedNamingThePipeline() {
        assertThatExceptionOfType(MonitorUnavailableException.class)
            .isThrownBy(() -> ModelMonitor.select("house-prices", "", ModelMonitor.VALIDATION_ACCURACY, false))
            .satisfies(refusal -> {
                assertThat(refusal.getPipeline()).isEqualTo("house-prices");
                assertThat(refusal.getMonitor()).isEqualTo("validation-accuracy");
                assertThat(refusal.getSource()).isEqualTo("demon.model.monitor");
            });
    }

    @Test
    void validationAccuracyAnnotationForAPipelineWithoutAccuracyIsRefused() {
        assertThatExceptionOfType(MonitorUnavailableException.class)
            .isThrownBy(() -> ModelMonitor.select("house-prices", "validation-accuracy", null, false))
            .extracting(MonitorUnavailableException::getSource)
            .isEqualTo("@TrainingPipeline(monitor)");
    }

    @Test
    void annotationValueThatIsNoMonitorIsRefusedNamingTheAllowedOnes() {
        assertThatExceptionOfType(MonitorUnavailableException.class)
            .isThrownBy(() -> ModelMonitor.select("house-prices", "val-loss", null, false))
            .withMessage("Pipeline house-prices cannot pick its best model by \"val-loss\" "
                    + "(@TrainingPipeline(monitor)): it is not a monitor; allowed: validation-accuracy, validation-loss");
    }

    @Test
    void eachMonitorComparesItsOwnFigureOfAnEpoch() {
        EpochSummary epoch = epoch(1, 0.4f, 0.8f);
        assertThat(
                List.of(ModelMonitor.VALIDATION_ACCURACY.figureOf(epoch), ModelMonitor.VALIDATION_LOSS.figureOf(epoch)))
            .containsExactly(0.8f, 0.4f);
    }

    @Test
    void theLossIsBetterLowAndTheAccuracyHigh() {
        assertThat(
                List.of(ModelMonitor.VALIDATION_LOSS.lowerIsBetter(), ModelMonitor.VALIDATION_ACCURACY.lowerIsBetter()))
            .containsExactly(true, false);
    }

}
