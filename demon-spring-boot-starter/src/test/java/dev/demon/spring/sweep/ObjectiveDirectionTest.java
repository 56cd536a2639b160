package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.demon.spring.training.ModelMonitor;

/**
 * A sweep's objective is minimized when it is a loss, maximized when it is an accuracy.
 */
class ObjectiveDirectionTest {

    @Test
    void validationLossIsMinimizedAndValidationAccuracyMaximized() {
        assertThat(List.of(ObjectiveDirection.of(ModelMonitor.VALIDATION_LOSS),
                ObjectiveDirection.of(ModelMonitor.VALIDATION_ACCURACY)))
            .containsExactly(ObjectiveDirection.MINIMIZE, ObjectiveDirection.MAXIMIZE);
    }

    @Test
    void minimizingLowerIsBetterMaximizingHigherAndNaNNeverIs() {
        assertThat(List.of(ObjectiveDirection.MINIMIZE.isBetter(0.3, 0.4),
                ObjectiveDirection.MAXIMIZE.isBetter(0.9, 0.8), ObjectiveDirection.MINIMIZE.isBetter(0.4, 0.4),
                ObjectiveDirection.MAXIMIZE.isBetter(Double.NaN, 0.4)))
            .containsExactly(true, true, false, false);
    }

}
