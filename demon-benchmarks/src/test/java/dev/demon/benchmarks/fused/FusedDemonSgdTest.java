package dev.demon.benchmarks.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.demon.benchmarks.optimizer.CnnParameterSet;
import dev.demon.optim.DemonSgd;
import dev.demon.schedule.DemonSchedule;

/**
 * The fused multi-tensor update computes, bit for bit, what {@link DemonSgd} computes one
 * parameter at a time, on the parameters of the demo's CNN.
 */
class FusedDemonSgdTest {

    private CnnParameterSet perParameter;

    private CnnParameterSet fused;

    @BeforeEach
    void twoIdenticalParameterSets() {
        perParameter = new CnnParameterSet(7);
        fused = new CnnParameterSet(7);
    }

    @AfterEach
    void close() {
        perParameter.close();
        fused.close();
    }

    @Test
    void equalsDemonSgdWithEveryTensorInOneFusedCall() {
        assertSameUpdates(Long.MAX_VALUE, 5, 5, () -> Tracker.fixed(0.05f), 5e-4f, 1f / 128, -1f);
    }

    @Test
    void equalsDemonSgdWithSmallTensorsFusedAndLargeOnesApart() {
        assertSameUpdates(FusedDemonSgd.DEFAULT_FUSE_BELOW, 5, 5, () -> Tracker.fixed(0.05f), 5e-4f, 1f / 128, -1f);
    }

    @Test
    void equalsDemonSgdOnceMomentumReachesZero() {
        // T = 3: updates 4 and 5 run with β = 0, the momentum-free branch.
        assertSameUpdates(Long.MAX_VALUE, 3, 5, () -> Tracker.fixed(0.05f), 5e-4f, 1f, -1f);
    }

    @Test
    void equalsDemonSgdWithADecayingLearningRateAndClipping() {
        assertSameUpdates(Long.MAX_VALUE, 6, 6,
                () -> CosineTracker.builder().setBaseValue(0.1f).optFinalValue(0f).setMaxUpdates(6).build(), 0f, 2f,
                0.01f);
    }

    private void assertSameUpdates(long fuseBelow, long totalUpdates, int updates, Supplier<Tracker> learningRate,
            float weightDecay, float rescaleGrad, float clipGrad) {
        DemonSgd reference = DemonSgd.builder()
            .setLearningRateTracker(learningRate.get())
            .optMomentumSchedule(new DemonSchedule(0.9f))
            .setTotalSteps(totalUpdates)
            .optWeightDecays(weightDecay)
            .setRescaleGrad(rescaleGrad)
            .optClipGrad(clipGrad)
            .build();
        try (FusedDemonSgd fusedSgd = FusedDemonSgd.builder()
            .setLearningRateTracker(learningRate.get())
            .optMomentumSchedule(new DemonSchedule(0.9f))
            .setTotalSteps(totalUpdates)
            .optWeightDecays(weightDecay)
            .setRescaleGrad(rescaleGrad)
            .optClipGrad(clipGrad)
            .optFuseBelow(fuseBelow)
            .build()) {
            for (int update = 0; update < updates; update++) {
                for (int i = 0; i < perParameter.ids().size(); i++) {
                    reference.update(perParameter.ids().get(i), perParameter.weights().get(i),
                            perParameter.gradients().get(i));
                }
                fusedSgd.update(fused.weights(), fused.gradients());
            }
            assertEquals(reference.currentMomentum(), fusedSgd.currentMomentum());
            List<NDArray> expected = perParameter.weights();
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i).toFloatArray(), fused.weights().get(i).toFloatArray(),
                        "parameter " + i + " " + expected.get(i).getShape());
            }
        }
    }

}
