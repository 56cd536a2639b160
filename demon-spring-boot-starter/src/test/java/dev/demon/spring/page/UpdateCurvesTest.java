package dev.demon.spring.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.demon.schedule.DemonSchedule;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.report.EpochSummary;

/**
 * β_t and η_t as the page charts them: the values the optimizer takes at each update,
 * computed from the run's schedule and learning-rate factory.
 */
class UpdateCurvesTest {

    private static final DemonSchedule DEMON = new DemonSchedule(0.9f);

    @Test
    void aShortRunHasAPointPerUpdateWithTheSchedulesExactBeta() {
        UpdateCurves curves = UpdateCurves.of(12, 2, DEMON,
                new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, 0.01f), List.of(), Float.NaN, 0);

        assertThat(curves.update()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        for (int t = 0; t < 12; t++) {
            assertThat(curves.momentum().get(t)).isEqualTo(DEMON.momentum(t, 12));
        }
        assertThat(curves.momentum().get(0)).isEqualTo(0.9f);
        assertThat(curves.learningRate()).containsOnly(0.01f);
    }

    @Test
    void aLongRunHasAtMostMaxPointsEvenlySpacedFirstAndLastIncluded() {
        long totalUpdates = 1_000_000;
        UpdateCurves curves = UpdateCurves.of(totalUpdates, 10, DEMON, null, List.of(), Float.NaN, 0);

        assertThat(curves.update()).hasSize(UpdateCurves.MAX_POINTS).isSorted().doesNotHaveDuplicates();
        assertThat(curves.update().get(0)).isZero();
        assertThat(curves.update().get(UpdateCurves.MAX_POINTS - 1)).isEqualTo(totalUpdates - 1);
        // i · (T − 1) / (MAX_POINTS − 1), rounded down.
        assertThat(curves.update().get(1)).isEqualTo(999_999 / 1999);
        for (int i = 0; i < UpdateCurves.MAX_POINTS; i++) {
            assertThat(curves.momentum().get(i)).isEqualTo(DEMON.momentum(curves.update().get(i), totalUpdates));
        }
    }

    @Test
    void theStepScheduleDropsTenfoldAfterHalfAndThreeQuartersOfT() {
        UpdateCurves curves = UpdateCurves.of(8, 2, DEMON,
                new LearningRateTrackerFactory(LearningRateScheduleType.STEP, 0.05f), List.of(), Float.NaN, 0);

        // DJL numbers updates n = t + 1; η0 while n <= T/2 = 4, then ×0.1, and ×0.1 again
        // once n > 3T/4 = 6.
        float once = 0.05f * 0.1f;
        float twice = once * 0.1f;
        assertThat(curves.learningRate()).containsExactly(0.05f, 0.05f, 0.05f, 0.05f, once, once, twice, twice);
    }

    @Test
    void plateauTakesEachFinishedEpochsRateThenTheLatestUntilNow() {
        EpochSummary first = new EpochSummary(1, 1f, 0.5f, 1f, 0.5f, 0.8f, 0.1f, 100);
        UpdateCurves curves = UpdateCurves.of(6, 3, DEMON,
                new LearningRateTrackerFactory(LearningRateScheduleType.PLATEAU, 0.1f), List.of(first), 0.01f, 3);

        List<Float> expected = new ArrayList<>(List.of(0.1f, 0.1f, 0.01f));
        expected.addAll(Collections.nCopies(3, null));
        assertThat(curves.learningRate()).containsExactlyElementsOf(expected);
    }

    @Test
    void anUnknownScheduleOrLearningRateGivesNoValues() {
        UpdateCurves curves = UpdateCurves.of(4, 1, null, null, List.of(), Float.NaN, 0);

        assertThat(curves.update()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(curves.momentum()).containsOnlyNulls();
        assertThat(curves.learningRate()).containsOnlyNulls();
    }

}
