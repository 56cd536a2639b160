package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The percentile pruning rule, ported case by case from Optuna's
 * {@code tests/pruners_tests/test_percentile.py}.
 */
class PercentilePrunerTest {

    private static final double NAN = Double.NaN;

    private static TrialObjectives at(int step, double value) {
        return TrialObjectives.NONE.report(step, value);
    }

    @ParameterizedTest
    @ValueSource(doubles = { 0.0, 25.0, 100.0 })
    void percentileFromZeroToHundredIsAccepted(double percentile) {
        assertThat(new PercentilePruner(percentile).percentile()).isEqualTo(percentile);
    }

    @ParameterizedTest
    @ValueSource(doubles = { -0.1, 100.1, Double.NaN })
    void percentileOutsideZeroToHundredIsRefused(double percentile) {
        assertThatIllegalArgumentException().isThrownBy(() -> new PercentilePruner(percentile))
            .withMessage("percentile must be between 0 and 100 inclusive but got " + percentile);
    }

    @Test
    void defaultsAreOptunas() {
        assertThat(new PercentilePruner(25)).isEqualTo(new PercentilePruner(25, 5, 0, 1, 1));
    }

    @Test
    void startupTrialsFromZeroAreAccepted() {
        assertThat(new PercentilePruner(25, 0, 0, 1, 1).nStartupTrials()).isZero();
        assertThat(new PercentilePruner(25, 5, 0, 1, 1).nStartupTrials()).isEqualTo(5);
    }

    @Test
    void negativeStartupTrialsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PercentilePruner(25, -1, 0, 1, 1))
            .withMessage("nStartupTrials cannot be negative but got -1");
    }

    @Test
    void warmupStepsFromZeroAreAccepted() {
        assertThat(new PercentilePruner(25, 5, 0, 1, 1).nWarmupSteps()).isZero();
        assertThat(new PercentilePruner(25, 5, 5, 1, 1).nWarmupSteps()).isEqualTo(5);
    }

    @Test
    void negativeWarmupStepsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PercentilePruner(25, 5, -1, 1, 1))
            .withMessage("nWarmupSteps cannot be negative but got -1");
    }

    @Test
    void intervalStepsFromOneAreAccepted() {
        assertThat(new PercentilePruner(25, 5, 0, 1, 1).intervalSteps()).isEqualTo(1);
        assertThat(new PercentilePruner(25, 5, 0, 5, 1).intervalSteps()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(ints = { -1, 0 })
    void intervalStepsBelowOneAreRefused(int intervalSteps) {
        assertThatIllegalArgumentException().isThrownBy(() -> new PercentilePruner(25, 5, 0, intervalSteps, 1))
            .withMessage("intervalSteps must be at least 1 but got " + intervalSteps);
    }

    @Test
    void minTrialsBelowOneAreRefused() {
        assertThat(new PercentilePruner(25, 5, 0, 1, 1).nMinTrials()).isEqualTo(1);
        assertThatIllegalArgumentException().isThrownBy(() -> new PercentilePruner(25, 5, 0, 1, 0))
            .withMessage("nMinTrials must be at least 1 but got 0");
    }

    @Test
    void firstTrialIsNotPruned() {
        assertThat(new PercentilePruner(25, 0, 0, 1, 1).prune(at(1, 1), List.of(), ObjectiveDirection.MINIMIZE))
            .isFalse();
    }

    /** Five completed trials reported 1 to 5 at step 1. */
    private static List<TrialObjectives> oneToFive() {
        List<TrialObjectives> completed = new ArrayList<>();
        for (int value = 1; value <= 5; value++) {
            completed.add(at(1, value));
        }
        return completed;
    }

    @ParameterizedTest
    @CsvSource({ "MINIMIZE", "MAXIMIZE" })
    void trialWithoutValuesIsNotPruned(ObjectiveDirection direction) {
        assertThat(new PercentilePruner(25, 0, 0, 1, 1).prune(TrialObjectives.NONE, oneToFive(), direction)).isFalse();
    }

    /**
     * The 25th percentile of 1..5 is 2 when minimizing, and the 75th, 4, when maximizing:
     * 2.1 and 3.9 fall just outside the kept quarter.
     */
    @ParameterizedTest
    @CsvSource({ "MINIMIZE, 2.1", "MAXIMIZE, 3.9" })
    void trialOutsideTheKeptPercentileIsPruned(ObjectiveDirection direction, double value) {
        assertThat(new PercentilePruner(25, 0, 0, 1, 1).prune(at(1, value), oneToFive(), direction)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({ "MINIMIZE, 2.0", "MAXIMIZE, 4.0" })
    void trialOnThePercentileGoesOn(ObjectiveDirection direction, double value) {
        assertThat(new PercentilePruner(25, 0, 0, 1, 1).prune(at(1, value), oneToFive(), direction)).isFalse();
    }

    @Test
    void trialIsNotPrunedWithoutCompletedTrialsEvenWhenItsValueIsNan() {
        assertThat(new PercentilePruner(25, 0, 0, 1, 1).prune(at(1, NAN), List.of(), ObjectiveDirection.MINIMIZE))
            .isFalse();
    }

    @Test
    void trialWhoseBestValueIsNanIsPruned() {
        List<TrialObjectives> completed = List.of(at(1, NAN));
        assertThat(new PercentilePruner(25, 0, 0, 1, 1).prune(at(1, NAN), completed, ObjectiveDirection.MINIMIZE))
            .isTrue();
    }

    @Test
    void trialIsNotPrunedWhenThePercentileIsNan() {
        List<TrialObjectives> completed = List.of(at(1, NAN), at(1, NAN));
        assertThat(new PercentilePruner(25, 0, 0, 1, 1).prune(at(1, 1), completed, ObjectiveDirection.MINIMIZE))
            .isFalse();
    }

    @ParameterizedTest
    @CsvSource({ "MINIMIZE, 0.1", "MAXIMIZE, 0.2" })
    void bestValueIsTheLowestWhenMinimizingAndTheHighestWhenMaximizing(ObjectiveDirection direction, double expected) {
        assertThat(TrialObjectives.of(Map.of(0, 0.1, 1, 0.2)).best(direction)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "MINIMIZE", "MAXIMIZE" })
    void bestValueIgnoresNan(ObjectiveDirection direction) {
        assertThat(TrialObjectives.of(Map.of(0, 0.3, 1, NAN)).best(direction)).isEqualTo(0.3);
    }

    @ParameterizedTest
    @CsvSource({ "MINIMIZE", "MAXIMIZE" })
    void bestValueOfOnlyNanIsNan(ObjectiveDirection direction) {
        assertThat(at(0, NAN).best(direction)).isNaN();
    }

    @Test
    void bestValueOfNoValuesIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> TrialObjectives.NONE.best(ObjectiveDirection.MINIMIZE));
    }

    /** Nine completed trials; at step 0 they reported 0.1 to 0.9. */
    private static List<TrialObjectives> nineTrials(double... stepOne) {
        List<TrialObjectives> trials = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            trials.add(TrialObjectives.of(Map.of(0, (i + 1) / 10.0, 1, stepOne[i], 2, NAN)));
        }
        return trials;
    }

    private static final List<TrialObjectives> NINE = nineTrials(0.1, 0.2, 0.3, 0.4, 0.5, NAN, NAN, NAN, NAN);

    @Test
    void percentileOfValues() {
        assertThat(PercentilePruner.percentileAt(NINE, ObjectiveDirection.MINIMIZE, 0, 25, 1)).isEqualTo(0.3);
    }

    @Test
    void percentileIgnoresNan() {
        assertThat(PercentilePruner.percentileAt(NINE, ObjectiveDirection.MINIMIZE, 1, 25, 1)).isEqualTo(0.2);
    }

    @Test
    void percentileOfOnlyNanIsNan() {
        assertThat(PercentilePruner.percentileAt(NINE, ObjectiveDirection.MINIMIZE, 2, 75, 1)).isNaN();
        assertThat(PercentilePruner.percentileAt(NINE, ObjectiveDirection.MINIMIZE, 2, 75, 2)).isNaN();
    }

    @Test
    void percentileOfFewerTrialsThanTheMinimumIsNan() {
        assertThat(PercentilePruner.percentileAt(NINE, ObjectiveDirection.MINIMIZE, 0, 25, 10)).isNaN();
        assertThat(PercentilePruner.percentileAt(NINE, ObjectiveDirection.MINIMIZE, 3, 25, 1)).isNaN();
    }

    @Test
    void percentileWithoutCompletedTrialsIsRefused() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> PercentilePruner.percentileAt(List.of(), ObjectiveDirection.MINIMIZE, 0, 25, 1))
            .withMessage("No trials have been completed");
    }

    /**
     * numpy's linear interpolation between sorted neighbours at the virtual index
     * {@code (n - 1) * percentile / 100}: of 1, 2, 3, 4 the median is 2.5 and the 75th
     * percentile 3.25.
     */
    @ParameterizedTest
    @CsvSource({ "50, 2.5", "0, 1.0", "100, 4.0", "75, 3.25" })
    void percentileInterpolatesLinearlyAsNumpy(double percentile, double expected) {
        List<TrialObjectives> completed = List.of(at(0, 4), at(0, 1), at(0, 3), at(0, 2));
        assertThat(PercentilePruner.percentileAt(completed, ObjectiveDirection.MINIMIZE, 0, percentile, 1))
            .isEqualTo(expected);
    }

    /**
     * Of 0 and 10 the 10th percentile is 1 when minimizing and the 90th, 9, when
     * maximizing (numpy's {@code _lerp} computes a fraction of 0.5 or more from the upper
     * neighbour).
     */
    @Test
    void percentileWhenMaximizingIsTakenFromTheTop() {
        List<TrialObjectives> completed = List.of(at(0, 0), at(0, 10));
        assertThat(PercentilePruner.percentileAt(completed, ObjectiveDirection.MINIMIZE, 0, 10, 1)).isEqualTo(1.0);
        assertThat(PercentilePruner.percentileAt(completed, ObjectiveDirection.MAXIMIZE, 0, 10, 1)).isEqualTo(9.0);
    }

}
