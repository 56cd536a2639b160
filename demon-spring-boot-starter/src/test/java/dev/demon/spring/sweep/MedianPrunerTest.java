package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The median stopping rule, ported case by case from Optuna's
 * {@code tests/pruners_tests/test_median.py}: a study there is the list of completed
 * trials here, and each {@code trial.report(value, step)} a step of
 * {@link TrialObjectives}.
 */
class MedianPrunerTest {

    private static final double NAN = Double.NaN;

    private static TrialObjectives at(int step, double value) {
        return TrialObjectives.NONE.report(step, value);
    }

    @Test
    void defaultsAreOptunas() {
        assertThat(new MedianPruner()).isEqualTo(new MedianPruner(5, 0, 1, 1));
        assertThat(new MedianPruner().asPercentilePruner()).isEqualTo(new PercentilePruner(50, 5, 0, 1, 1));
    }

    @Test
    void settingsAreCheckedAsThePercentilePrunersAre() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MedianPruner(-1, 0, 1, 1))
            .withMessage("nStartupTrials cannot be negative but got -1");
        assertThatIllegalArgumentException().isThrownBy(() -> new MedianPruner(0, 0, 0, 1))
            .withMessage("intervalSteps must be at least 1 but got 0");
    }

    @Test
    void firstTrialIsNotPruned() {
        assertThat(new MedianPruner(0, 0, 1, 1).prune(at(1, 1), List.of(), ObjectiveDirection.MINIMIZE)).isFalse();
    }

    @Test
    void trialWithoutValuesIsNotPruned() {
        List<TrialObjectives> completed = List.of(at(1, 1));
        assertThat(new MedianPruner(0, 0, 1, 1).prune(TrialObjectives.NONE, completed, ObjectiveDirection.MINIMIZE))
            .isFalse();
    }

    @ParameterizedTest
    @CsvSource({ "MINIMIZE, 2", "MAXIMIZE, 0.5" })
    void trialWorseThanTheMedianIsPruned(ObjectiveDirection direction, double value) {
        List<TrialObjectives> completed = List.of(at(1, 1));
        assertThat(new MedianPruner(0, 0, 1, 1).prune(at(1, value), completed, direction)).isTrue();
    }

    @Test
    void trialIsNotPrunedWithoutCompletedTrialsEvenWhenItsValueIsNan() {
        assertThat(new MedianPruner(0, 0, 1, 1).prune(at(1, NAN), List.of(), ObjectiveDirection.MINIMIZE)).isFalse();
    }

    @Test
    void trialWhoseBestValueIsNanIsPruned() {
        List<TrialObjectives> completed = List.of(at(1, NAN));
        assertThat(new MedianPruner(0, 0, 1, 1).prune(at(1, NAN), completed, ObjectiveDirection.MINIMIZE)).isTrue();
    }

    @Test
    void trialIsNotPrunedWhenTheMedianIsNan() {
        List<TrialObjectives> completed = List.of(at(1, NAN), at(1, NAN));
        assertThat(new MedianPruner(0, 0, 1, 1).prune(at(1, 1), completed, ObjectiveDirection.MINIMIZE)).isFalse();
    }

    @Test
    void trialIsNotPrunedDuringStartupTrials() {
        List<TrialObjectives> completed = List.of(at(1, 1));
        assertThat(new MedianPruner(2, 0, 1, 1).prune(at(1, 2), completed, ObjectiveDirection.MINIMIZE)).isFalse();
    }

    @Test
    void trialIsPrunedAfterStartupTrials() {
        List<TrialObjectives> completed = List.of(at(1, 1), at(1, 2));
        assertThat(new MedianPruner(2, 0, 1, 1).prune(at(1, 3), completed, ObjectiveDirection.MINIMIZE)).isTrue();
    }

    @Test
    void trialIsNotPrunedDuringWarmupSteps() {
        List<TrialObjectives> completed = List.of(TrialObjectives.of(Map.of(0, 1.0, 1, 1.0)));
        assertThat(new MedianPruner(0, 1, 1, 1).prune(at(0, 2), completed, ObjectiveDirection.MINIMIZE)).isFalse();
    }

    @Test
    void trialIsPrunedAfterWarmupSteps() {
        List<TrialObjectives> completed = List.of(TrialObjectives.of(Map.of(0, 1.0, 1, 1.0)));
        TrialObjectives trial = TrialObjectives.of(Map.of(0, 2.0, 1, 2.0));
        assertThat(new MedianPruner(0, 1, 1, 1).prune(trial, completed, ObjectiveDirection.MINIMIZE)).isTrue();
    }

    /**
     * Optuna's interval table: a completed trial reported 0 at every step; the trial
     * under test reports 2 every {@code reportSteps} steps and asks the pruner at every
     * step, reported or not. The steps at which the pruner says prune are exactly these.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 |  1 |  1 | 0 1 2 3 4 5
            1 |  1 |  1 | 1 2 3 4 5
            1 |  2 |  1 | 1 3 5
            0 |  3 | 10 | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28
            2 |  3 | 10 | 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28
            0 | 10 |  3 | 0 1 2 12 13 14 21 22 23
            2 | 10 |  3 | 3 4 5 12 13 14 24 25 26
            """)
    void trialIsJudgedAtTheFirstReportOfEachInterval(int warmupSteps, int intervalSteps, int reportSteps,
            String expected) {
        List<Integer> expectedSteps = steps(expected);
        int lastStep = expectedSteps.get(expectedSteps.size() - 1) + 1;
        TrialObjectives completed = TrialObjectives.NONE;
        for (int step = 0; step < lastStep; step++) {
            completed = completed.report(step, 0);
        }
        MedianPruner pruner = new MedianPruner(0, warmupSteps, intervalSteps, 1);
        TrialObjectives trial = TrialObjectives.NONE;
        List<Integer> pruned = new ArrayList<>();
        for (int step = 0; step < lastStep; step++) {
            if (step % reportSteps == 0) {
                trial = trial.report(step, 2);
            }
            if (pruner.prune(trial, List.of(completed), ObjectiveDirection.MINIMIZE)) {
                pruned.add(step);
            }
        }
        assertThat(pruned).isEqualTo(expectedSteps);
    }

    private static List<Integer> steps(String written) {
        return Arrays.stream(written.trim().split(" +")).map(Integer::valueOf).toList();
    }

    @Test
    void trialIsNotPrunedBeforeMinTrialsReportedAtItsStep() {
        List<TrialObjectives> completed = List.of(TrialObjectives.of(Map.of(1, 4.0, 2, 2.0)), at(1, 3));
        TrialObjectives trial = TrialObjectives.of(Map.of(1, 4.0, 2, 3.0));
        assertThat(new MedianPruner(2, 0, 1, 2).prune(trial, completed, ObjectiveDirection.MINIMIZE)).isFalse();
    }

    @Test
    void trialIsPrunedOnceMinTrialsReportedAtItsStep() {
        TrialObjectives third = TrialObjectives.of(Map.of(1, 4.0, 2, 3.0));
        List<TrialObjectives> completed = List.of(TrialObjectives.of(Map.of(1, 4.0, 2, 2.0)), at(1, 3), third);
        TrialObjectives trial = TrialObjectives.of(Map.of(1, 4.0, 2, 3.0));
        assertThat(new MedianPruner(2, 0, 1, 2).prune(trial, completed, ObjectiveDirection.MINIMIZE)).isTrue();
    }

    @Test
    void trialEqualToTheMedianGoesOn() {
        List<TrialObjectives> completed = List.of(at(1, 1), at(1, 3));
        assertThat(new MedianPruner(0, 0, 1, 1).prune(at(1, 2), completed, ObjectiveDirection.MINIMIZE)).isFalse();
        assertThat(new MedianPruner(0, 0, 1, 1).prune(at(1, 2), completed, ObjectiveDirection.MAXIMIZE)).isFalse();
    }

    @Test
    void trialIsJudgedByItsBestValueOverAllSteps() {
        // worse than the median at step 2, but its step 1 beat it
        List<TrialObjectives> completed = List.of(TrialObjectives.of(Map.of(1, 5.0, 2, 3.0)));
        TrialObjectives trial = TrialObjectives.of(Map.of(1, 2.0, 2, 4.0));
        assertThat(new MedianPruner(0, 0, 1, 1).prune(trial, completed, ObjectiveDirection.MINIMIZE)).isFalse();
    }

}
