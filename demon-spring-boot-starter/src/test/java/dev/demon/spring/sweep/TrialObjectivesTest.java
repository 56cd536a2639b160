package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/**
 * A trial's objectives by step, as Optuna's {@code Trial.report} records them.
 */
class TrialObjectivesTest {

    @Test
    void epochsAreTheStepsFromOne() {
        assertThat(TrialObjectives.ofEpochs(Arrays.asList(0.9, Double.NaN, 0.5)).byStep())
            .containsExactly(Map.entry(1, 0.9), Map.entry(2, Double.NaN), Map.entry(3, 0.5));
    }

    @Test
    void stepsAreOrdered() {
        assertThat(TrialObjectives.NONE.report(3, 0.3).report(1, 0.1).byStep().keySet()).containsExactly(1, 3);
    }

    @Test
    void lastStepIsTheLargest() {
        assertThat(TrialObjectives.NONE.report(3, 0.3).report(1, 0.1).lastStep()).isEqualTo(OptionalInt.of(3));
        assertThat(TrialObjectives.NONE.lastStep()).isEmpty();
    }

    @Test
    void stepReportedAgainKeepsItsFirstValue() {
        assertThat(TrialObjectives.NONE.report(1, 0.1).report(1, 0.2)).isEqualTo(TrialObjectives.of(Map.of(1, 0.1)));
    }

    @Test
    void negativeStepIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrialObjectives.NONE.report(-1, 0.1))
            .withMessage("A step must be >= 0 but got -1");
        assertThatIllegalArgumentException().isThrownBy(() -> TrialObjectives.of(Map.of(-1, 0.1)))
            .withMessage("A step must be >= 0 but got -1");
    }

    @Test
    void nullValueIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrialObjectives.ofEpochs(Arrays.asList(0.9, null)))
            .withMessage("The value reported at step 2 is null");
    }

}
