package dev.demon.optim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.tracker.Tracker;

import org.junit.jupiter.api.Test;

class OptimizerCloseTest {

    @Test
    void closeReleasesEveryBuffer() {
        try (ParameterSet parameters = new ParameterSet(5, "w", "b")) {
            DemonAdam optimizer = DemonAdam.builder().setTotalSteps(10).build();
            parameters.train(optimizer, 0, 3);
            assertEquals(4, optimizer.state().liveBuffers(), "two parameters × (m, s)");

            optimizer.close();

            assertEquals(0, optimizer.state().liveBuffers());
        }
    }

    @Test
    void updateAfterCloseIsRefused() {
        try (ParameterSet parameters = new ParameterSet(5, "w", "b")) {
            DemonSgd optimizer = demonSgd();
            parameters.train(optimizer, 0, 1);
            optimizer.close();

            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> parameters.train(optimizer, 1, 2));
            assertEquals("DemonSgd is closed", refused.getMessage());
        }
    }

    @Test
    void closingTwiceDoesNothing() {
        DemonSgd optimizer = demonSgd();
        optimizer.close();
        assertDoesNotThrow(optimizer::close);
    }

    private static DemonSgd demonSgd() {
        return DemonSgd.builder().setLearningRateTracker(Tracker.fixed(0.1f)).setTotalSteps(10).build();
    }

}
