package dev.demon.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import dev.demon.schedule.ConstantMomentum;

import org.junit.jupiter.api.Test;

/**
 * Two updates whose gradients come from real backward passes, on whichever engine runs
 * the tests: PyTorch adds each backward pass to the gradient left by the one before, so
 * every update path, fused or composed, must leave the gradient as the engine's own
 * optimizers do ({@link FusedUpdates}). With loss_k = Σ θ ⊙ x_k the gradient of pass k is
 * exactly x_k, so the result must equal the double reference fed x_1 then x_2.
 */
class BackwardPassUpdateTest {

    private static final float[] INITIAL = { 0.5f, -1f, 2f, 0.25f };

    // |x| > 1 on both sides, so that clipping to [−1, 1] cuts from above and from below.
    private static final float[][] INPUTS = { { 1f, -2f, 0.5f, 3f }, { -1.5f, 0.5f, 2f, -3f } };

    private static final float LEARNING_RATE = 0.1f;

    private static final float MOMENTUM = 0.9f;

    private static final float CLIP_GRAD = 1f;

    private static final double TOLERANCE = 1e-6;

    @Test
    void fusedSgdUpdates() {
        assertSgd(sgd().build(), MOMENTUM, false, Float.POSITIVE_INFINITY);
    }

    @Test
    void sgdUpdatesWithoutMomentum() {
        assertSgd(sgd().optMomentumSchedule(new ConstantMomentum(0f)).build(), 0f, false, Float.POSITIVE_INFINITY);
    }

    @Test
    void nesterovUpdates() {
        assertSgd(sgd().optNesterov(true).build(), MOMENTUM, true, Float.POSITIVE_INFINITY);
    }

    @Test
    void sgdUpdatesClipTheGradientOnBothSides() {
        assertSgd(sgd().optClipGrad(CLIP_GRAD).build(), MOMENTUM, false, CLIP_GRAD);
    }

    @Test
    void adamUpdatesClipTheGradientOnBothSides() {
        DemonAdam adam = DemonAdam.builder()
            .optLearningRateTracker(Tracker.fixed(LEARNING_RATE))
            .optMomentumSchedule(new ConstantMomentum(MOMENTUM))
            .setTotalSteps(INPUTS.length)
            .optClipGrad(CLIP_GRAD)
            .build();
        double[] weight = DoubleReference.toDouble(INITIAL);
        double[] m = new double[weight.length];
        double[] s = new double[weight.length];
        for (int t = 0; t < INPUTS.length; t++) {
            DoubleReference.adamStep(weight, m, s, INPUTS[t], t, MOMENTUM, adam.getBeta2(), adam.getEpsilon(),
                    LEARNING_RATE, 1, 0, CLIP_GRAD);
        }
        DoubleReference.assertClose(weight, updatedTwice(adam), TOLERANCE, "θ after two Adam updates");
    }

    private static DemonSgd.Builder sgd() {
        return DemonSgd.builder()
            .setLearningRateTracker(Tracker.fixed(LEARNING_RATE))
            .optMomentumSchedule(new ConstantMomentum(MOMENTUM))
            .setTotalSteps(INPUTS.length);
    }

    private static void assertSgd(DemonSgd optimizer, float momentum, boolean nesterov, float clip) {
        double[] weight = DoubleReference.toDouble(INITIAL);
        double[] velocity = new double[weight.length];
        for (float[] input : INPUTS) {
            float[] grad = new float[input.length];
            for (int i = 0; i < grad.length; i++) {
                grad[i] = Math.max(-clip, Math.min(clip, input[i]));
            }
            if (nesterov) {
                DoubleReference.nesterovStep(weight, velocity, grad, momentum, momentum, LEARNING_RATE, 1, 0);
            }
            else {
                DoubleReference.sgdStep(weight, velocity, grad, momentum, LEARNING_RATE, 1, 0);
            }
        }
        DoubleReference.assertClose(weight, updatedTwice(optimizer), TOLERANCE, "θ after two SGD updates");
    }

    /** θ after one update per input, each with the gradient of a backward pass. */
    private static float[] updatedTwice(Optimizer optimizer) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(INITIAL);
            weight.setRequiresGradient(true);
            for (float[] input : INPUTS) {
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    collector.backward(weight.mul(manager.create(input)).sum());
                }
                optimizer.update("θ", weight, weight.getGradient());
            }
            return weight.toFloatArray();
        }
    }

}
