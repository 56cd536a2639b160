package dev.demon.optim;

import static dev.demon.optim.DoubleReference.demonMomentum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.FactorTracker;
import ai.djl.training.tracker.Tracker;

import dev.demon.schedule.ConstantMomentum;
import dev.demon.schedule.DemonSchedule;
import dev.demon.schedule.MomentumSchedule;

import org.junit.jupiter.api.Test;

class DemonSgdTest {

    private static final int UPDATES = 50;

    // T < UPDATES: the last ten updates run with β = 0, the update where MXNet's fused
    // operator changes.
    private static final long TOTAL_UPDATES = 40;

    private static final float BETA_INIT = 0.9f;

    private static final float LEARNING_RATE = 0.05f;

    private static final float RESCALE_GRAD = 0.5f;

    private static final float WEIGHT_DECAY = 0.01f;

    /*
     * Tolerance against the double reference. float32 rounds each operation to a relative
     * u = 2^-24 ≈ 6e-8; an update does about 6 roundings per element, and an error in v
     * is carried on with weight Σβ^k ≤ 1/(1 − β_init) = 10. Independent roundings over 50
     * updates add up like a random walk: √(50 · 6) · 10 · u ≈ 1e-5 relative (the worst
     * case, 50 · 6 · 10 · u ≈ 2e-4, needs every rounding to go the same way; observed:
     * 6e-7). A wrong rule (a β off by one update, a missing weight-decay term, a velocity
     * left untouched at β = 0) moves θ by 1e-3 or more.
     */
    static final double TOLERANCE = 1e-5;

    private static DemonSgd.Builder demonSgd() {
        return DemonSgd.builder()
            .setLearningRateTracker(Tracker.fixed(LEARNING_RATE))
            .setTotalSteps(TOTAL_UPDATES)
            .setRescaleGrad(RESCALE_GRAD)
            .optWeightDecays(WEIGHT_DECAY);
    }

    @Test
    void matchesDoubleReferenceOverFiftyUpdates() {
        assertMatchesReference(demonSgd().build(), false);
    }

    @Test
    void nesterovMatchesDoubleReferenceOverFiftyUpdates() {
        assertMatchesReference(demonSgd().optNesterov(true).build(), true);
    }

    private static void assertMatchesReference(DemonSgd optimizer, boolean nesterov) {
        try (ParameterSet parameters = new ParameterSet(11, "w", "b")) {
            double[][] weights = DoubleReference.initialWeights(parameters);
            double[][] velocities = DoubleReference.zerosLike(weights);
            for (int update = 0; update < UPDATES; update++) {
                parameters.train(optimizer, update, update + 1);
                double beta = demonMomentum(BETA_INIT, update, TOTAL_UPDATES);
                double nextBeta = demonMomentum(BETA_INIT, update + 1, TOTAL_UPDATES);
                for (int p = 0; p < parameters.size(); p++) {
                    float[] grad = parameters.gradient(p, update);
                    if (nesterov) {
                        DoubleReference.nesterovStep(weights[p], velocities[p], grad, beta, nextBeta, LEARNING_RATE,
                                RESCALE_GRAD, WEIGHT_DECAY);
                    }
                    else {
                        DoubleReference.sgdStep(weights[p], velocities[p], grad, beta, LEARNING_RATE, RESCALE_GRAD,
                                WEIGHT_DECAY);
                    }
                    DoubleReference.assertClose(weights[p], parameters.weights(p), TOLERANCE,
                            "θ of " + parameters.id(p) + " after update " + update);
                }
            }
            assertEquals(0f, optimizer.currentMomentum());
            assertEquals(LEARNING_RATE, optimizer.currentLearningRate());
        }
    }

    @Test
    void constantMomentumEqualsDjlSgdBitForBit() {
        // A tracker that changes every update: equality needs the same update numbering
        // as DJL.
        Optimizer djl = Optimizer.sgd()
            .setLearningRateTracker(decayingLearningRate())
            .optMomentum(0.9f)
            .setRescaleGrad(RESCALE_GRAD)
            .optWeightDecays(WEIGHT_DECAY)
            .build();
        DemonSgd demon = DemonSgd.builder()
            .setLearningRateTracker(decayingLearningRate())
            .optMomentumSchedule(new ConstantMomentum(0.9f))
            .setTotalSteps(TOTAL_UPDATES)
            .setRescaleGrad(RESCALE_GRAD)
            .optWeightDecays(WEIGHT_DECAY)
            .build();
        try (ParameterSet expected = new ParameterSet(5, "w", "b");
                ParameterSet actual = new ParameterSet(5, "w", "b")) {
            expected.train(djl, 0, UPDATES);
            actual.train(demon, 0, UPDATES);
            for (int p = 0; p < expected.size(); p++) {
                assertArrayEquals(expected.weights(p), actual.weights(p), expected.id(p));
            }
        }
    }

    private static Tracker decayingLearningRate() {
        return FactorTracker.builder().setBaseValue(0.05f).setFactor(0.98f).build();
    }

    @Test
    void zeroMomentumStepStillSetsVelocityToMinusLearningRateTimesGradient() {
        // β = 0.5, 0, 0.5: the third update reads the velocity the β = 0 update must have
        // written.
        MomentumSchedule dipToZero = (t, total) -> t == 1 ? 0f : 0.5f;
        DemonSgd optimizer = demonSgd().optMomentumSchedule(dipToZero).build();
        try (ParameterSet parameters = new ParameterSet(3, "w", "b")) {
            double[][] weights = DoubleReference.initialWeights(parameters);
            double[][] velocities = DoubleReference.zerosLike(weights);
            parameters.train(optimizer, 0, 3);
            for (int update = 0; update < 3; update++) {
                for (int p = 0; p < parameters.size(); p++) {
                    DoubleReference.sgdStep(weights[p], velocities[p], parameters.gradient(p, update),
                            dipToZero.momentum(update, TOTAL_UPDATES), LEARNING_RATE, RESCALE_GRAD, WEIGHT_DECAY);
                }
            }
            for (int p = 0; p < parameters.size(); p++) {
                DoubleReference.assertClose(weights[p], parameters.weights(p), 1e-6, "θ of " + parameters.id(p));
            }
        }
    }

    @Test
    void reportsTheMomentumAndLearningRateOfTheLatestUpdate() {
        DemonSchedule schedule = new DemonSchedule(BETA_INIT);
        Tracker learningRate = decayingLearningRate();
        DemonSgd optimizer = demonSgd().setLearningRateTracker(learningRate)
            .optMomentumSchedule(schedule)
            .setTotalSteps(2)
            .build();
        assertEquals(BETA_INIT, optimizer.currentMomentum(), "before any update");
        assertEquals(learningRate.getNewValue(1), optimizer.currentLearningRate(), "before any update");
        try (ParameterSet parameters = new ParameterSet(4, "w", "b")) {
            parameters.train(optimizer, 0, 1);
            assertEquals(BETA_INIT, optimizer.currentMomentum());
            parameters.train(optimizer, 1, 2);
            assertEquals(schedule.momentum(1, 2), optimizer.currentMomentum());
            parameters.train(optimizer, 2, 3);
            assertEquals(0f, optimizer.currentMomentum());
            // Both parameters updated three times: DJL numbers these updates 1, 1, 2, 2,
            // 3, 3.
            assertEquals(3, optimizer.getUpdatesDone());
            assertEquals(learningRate.getNewValue(3), optimizer.currentLearningRate());
        }
    }

    @Test
    void isNamedSgdm() {
        try (DemonSgd optimizer = DemonSgd.builder()
            .setLearningRateTracker(Tracker.fixed(0.1f))
            .setTotalSteps(10)
            .build()) {
            assertEquals("sgdm", optimizer.name());
        }
    }

}
