package dev.demon.benchmarks.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

import dev.demon.benchmarks.optimizer.CnnTrainer;
import dev.demon.optim.DemonSgd;
import dev.demon.schedule.DemonSchedule;

/**
 * A training loop may call {@link FusedDemonSgd} on the model's parameter arrays instead
 * of {@code Trainer.step()}: the parameters end up exactly where {@code step()} with
 * {@link DemonSgd} (through DJL's parameter server) puts them.
 */
class FusedDemonSgdTrainerTest {

    @Test
    void updatingTheParametersDirectlyEqualsTrainerStepWithDemonSgd() {
        DemonSgd demonSgd = DemonSgd.builder()
            .setLearningRateTracker(Tracker.fixed(0.05f))
            .optMomentumSchedule(new DemonSchedule(0.9f))
            .setTotalSteps(4)
            .optWeightDecays(5e-4f)
            .build();
        try (CnnTrainer stepped = new CnnTrainer(demonSgd, 11);
                CnnTrainer direct = new CnnTrainer(
                        DemonSgd.builder().setLearningRateTracker(Tracker.fixed(1f)).setTotalSteps(1).build(), 11);
                FusedDemonSgd fused = FusedDemonSgd.builder()
                    .setLearningRateTracker(Tracker.fixed(0.05f))
                    .optMomentumSchedule(new DemonSchedule(0.9f))
                    .setTotalSteps(4)
                    .optWeightDecays(5e-4f)
                    .build()) {
            float[] initial = direct.weights().get(0).toFloatArray();
            for (int update = 0; update < 4; update++) {
                stepped.trainer().step();
                fused.update(direct.weights(), direct.gradients());
            }
            assertFalse(Arrays.equals(initial, direct.weights().get(0).toFloatArray()), "the updates moved nothing");
            for (int i = 0; i < stepped.weights().size(); i++) {
                assertArrayEquals(stepped.weights().get(i).toFloatArray(), direct.weights().get(i).toFloatArray(),
                        "parameter " + i);
            }
        }
    }

}
