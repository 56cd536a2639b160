package dev.demon.optim;

import static dev.demon.optim.DoubleReference.demonMomentum;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.training.tracker.Tracker;

import dev.demon.schedule.MomentumSchedule;

import org.junit.jupiter.api.Test;

class DemonAdamTest {

    private static final int UPDATES = 50;

    // T < UPDATES: the last ten updates run with β = 0, where m = g.
    private static final long TOTAL_UPDATES = 40;

    private static final float BETA_INIT = 0.9f;

    private static final float LEARNING_RATE = 0.01f;

    private static final float RESCALE_GRAD = 0.5f;

    private static final float WEIGHT_DECAY = 0.01f;

    private static final float CLIP_GRAD = 0.3f;

    /*
     * Same reasoning as DemonSgdTest.TOLERANCE: about 10 roundings of u = 2^-24 per
     * element and update (square, sqrt, divisions), m carried on with weight ≤ 1/(1 −
     * β_init) = 10, over 50 updates: √(50 · 10) · 10 · u ≈ 1.5e-5 relative. A wrong rule
     * (Kingma & Ba's (1 − β) factor on m, a bias correction off by one update) changes an
     * update η·m/√ŝ ≈ 1e-2 by 10% or more. Observed: 3.3e-7, and 1.0e-6 with β = 0.99 (m
     * weighted up to 100).
     */
    private static final double TOLERANCE = 1.5e-5;

    private static DemonAdam.Builder demonAdam() {
        return DemonAdam.builder()
            .optLearningRateTracker(Tracker.fixed(LEARNING_RATE))
            .setTotalSteps(TOTAL_UPDATES)
            .setRescaleGrad(RESCALE_GRAD)
            .optWeightDecays(WEIGHT_DECAY);
    }

    @Test
    void matchesDoubleReferenceOverFiftyUpdates() {
        DemonAdam optimizer = demonAdam().build();
        assertMatchesReference(optimizer, (t, total) -> (float) demonMomentum(BETA_INIT, t, total));
        assertEquals(0f, optimizer.currentMomentum());
    }

    @Test
    void zeroMomentumStepsMatchDoubleReference() {
        MomentumSchedule dipToZero = (t, total) -> t % 3 == 1 ? 0f : 0.5f;
        assertMatchesReference(demonAdam().optMomentumSchedule(dipToZero).build(), dipToZero);
    }

    @Test
    void highConstantMomentumMatchesDoubleReference() {
        // β = 0.99 keeps the stored first moment scaled by c_t ≈ 0.01, the far end of its
        // range.
        MomentumSchedule high = (t, total) -> 0.99f;
        assertMatchesReference(demonAdam().optMomentumSchedule(high).build(), high);
    }

    @Test
    void clipsTheRescaledGradientBeforeAddingWeightDecay() {
        // clip 0.3 cuts most of the rescaled gradients (uniform in [−1, 1)); MXNet's
        // adam_update would clip after adding the weight decay, which this reference
        // would notice.
        DemonAdam optimizer = demonAdam().optClipGrad(CLIP_GRAD).build();
        assertMatchesReference(optimizer, (t, total) -> (float) demonMomentum(BETA_INIT, t, total), CLIP_GRAD);
    }

    @Test
    void clipsWithoutWeightDecay() {
        DemonAdam optimizer = demonAdam().optWeightDecays(0f).optClipGrad(CLIP_GRAD).build();
        assertMatchesReference(optimizer, (t, total) -> (float) demonMomentum(BETA_INIT, t, total), CLIP_GRAD, 0f);
    }

    private static void assertMatchesReference(DemonAdam optimizer, MomentumSchedule beta) {
        assertMatchesReference(optimizer, beta, -1f);
    }

    private static void assertMatchesReference(DemonAdam optimizer, MomentumSchedule beta, float clipGrad) {
        assertMatchesReference(optimizer, beta, clipGrad, WEIGHT_DECAY);
    }

    private static void assertMatchesReference(DemonAdam optimizer, MomentumSchedule beta, float clipGrad,
            float weightDecay) {
        double beta2 = optimizer.getBeta2();
        double epsilon = optimizer.getEpsilon();
        try (ParameterSet parameters = new ParameterSet(13, "w", "b")) {
            double[][] weights = DoubleReference.initialWeights(parameters);
            double[][] firstMoments = DoubleReference.zerosLike(weights);
            double[][] secondMoments = DoubleReference.zerosLike(weights);
            for (int update = 0; update < UPDATES; update++) {
                parameters.train(optimizer, update, update + 1);
                for (int p = 0; p < parameters.size(); p++) {
                    DoubleReference.adamStep(weights[p], firstMoments[p], secondMoments[p],
                            parameters.gradient(p, update), update, beta.momentum(update, TOTAL_UPDATES), beta2,
                            epsilon, LEARNING_RATE, RESCALE_GRAD, weightDecay, clipGrad);
                    DoubleReference.assertClose(weights[p], parameters.weights(p), TOLERANCE,
                            "θ of " + parameters.id(p) + " after update " + update);
                }
            }
        }
    }

    @Test
    void defaultsToTheContractsLearningRateAndKingmaBaBeta2AndEpsilon() {
        DemonAdam optimizer = DemonAdam.builder().setTotalSteps(10).build();
        assertEquals(0.999f, optimizer.getBeta2());
        assertEquals(1e-8f, optimizer.getEpsilon());
        assertEquals(0.0001f, optimizer.getLearningRateTracker().getNewValue("any", 1));
        assertEquals("demon", optimizer.getMomentumSchedule().name());
        assertEquals(0.9f, optimizer.currentMomentum());
    }

    @Test
    void isNamedAdam() {
        try (DemonAdam optimizer = DemonAdam.builder().setTotalSteps(10).build()) {
            assertEquals("adam", optimizer.name());
        }
    }

}
