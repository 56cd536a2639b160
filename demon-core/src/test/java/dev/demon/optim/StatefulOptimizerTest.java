package dev.demon.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.tracker.FactorTracker;
import ai.djl.training.tracker.Tracker;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

class StatefulOptimizerTest {

    private static final int UPDATES = 50;

    private static final int INTERRUPTED_AT = 20;

    // T = 30: the resumed part crosses t = T, where β reaches 0.
    private static final long TOTAL_UPDATES = 30;

    // A learning rate that changes every update: a resumed run must give its tracker the
    // same numbers.
    private static Tracker decayingLearningRate() {
        return FactorTracker.builder().setBaseValue(0.05f).setFactor(0.98f).build();
    }

    private static DemonSgd demonSgd() {
        return DemonSgd.builder()
            .setLearningRateTracker(decayingLearningRate())
            .setTotalSteps(TOTAL_UPDATES)
            .optWeightDecays(0.01f)
            .build();
    }

    private static DemonAdam demonAdam() {
        return DemonAdam.builder()
            .optLearningRateTracker(decayingLearningRate())
            .setTotalSteps(TOTAL_UPDATES)
            .optWeightDecays(0.01f)
            .build();
    }

    @Test
    void demonSgdResumedInTheSameProcessContinuesBitForBit() throws IOException {
        assertResumeEqualsUninterrupted(StatefulOptimizerTest::demonSgd, UnaryOperator.identity());
    }

    @Test
    void demonAdamResumedInTheSameProcessContinuesBitForBit() throws IOException {
        assertResumeEqualsUninterrupted(StatefulOptimizerTest::demonAdam, UnaryOperator.identity());
    }

    @Test
    void demonSgdResumedUnderNewParameterIdsContinuesBitForBit() throws IOException {
        assertResumeEqualsUninterrupted(StatefulOptimizerTest::demonSgd, id -> "new-" + id);
    }

    @Test
    void demonAdamResumedUnderNewParameterIdsContinuesBitForBit() throws IOException {
        assertResumeEqualsUninterrupted(StatefulOptimizerTest::demonAdam, id -> "new-" + id);
    }

    /**
     * Trains {@value #UPDATES} updates in one go, and again interrupted after
     * {@value #INTERRUPTED_AT}: weights and optimizer state are saved, and a fresh
     * optimizer on fresh parameters (ids renamed by {@code newIds}, as in a new JVM)
     * continues from them.
     */
    private static void assertResumeEqualsUninterrupted(Supplier<? extends ScheduledMomentumOptimizer> optimizers,
            UnaryOperator<String> newIds) throws IOException {
        try (ParameterSet uninterrupted = new ParameterSet(17, "w", "b");
                ParameterSet beforeCrash = new ParameterSet(17, "w", "b");
                ParameterSet afterCrash = new ParameterSet(17, newIds.apply("w"), newIds.apply("b"))) {
            ScheduledMomentumOptimizer reference = optimizers.get();
            uninterrupted.train(reference, 0, UPDATES);

            ScheduledMomentumOptimizer crashed = optimizers.get();
            beforeCrash.train(crashed, 0, INTERRUPTED_AT);
            byte[] checkpoint = save(crashed);

            ScheduledMomentumOptimizer resumed = optimizers.get();
            resumed.loadState(new ByteArrayInputStream(checkpoint), afterCrash.manager(), newIds);
            assertEquals(crashed.currentMomentum(), resumed.currentMomentum());
            assertEquals(crashed.currentLearningRate(), resumed.currentLearningRate());
            for (int p = 0; p < afterCrash.size(); p++) {
                afterCrash.setWeights(p, beforeCrash.weights(p));
            }
            afterCrash.train(resumed, INTERRUPTED_AT, UPDATES);

            for (int p = 0; p < uninterrupted.size(); p++) {
                assertArrayEquals(uninterrupted.weights(p), afterCrash.weights(p), uninterrupted.id(p));
            }
            assertEquals(reference.currentMomentum(), resumed.currentMomentum());
            assertEquals(reference.currentLearningRate(), resumed.currentLearningRate());
            assertEquals(reference.getUpdatesDone(), resumed.getUpdatesDone());
            if (newIds.apply("w").equals("w")) {
                assertArrayEquals(save(reference), save(resumed), "saved states");
            }
        }
    }

    private static byte[] save(StatefulOptimizer optimizer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        optimizer.saveState(out);
        return out.toByteArray();
    }

    private static byte[] trainedState(ScheduledMomentumOptimizer optimizer) throws IOException {
        try (ParameterSet parameters = new ParameterSet(1, "w", "b")) {
            parameters.train(optimizer, 0, 3);
            return save(optimizer);
        }
    }

    private static String loadFailure(StatefulOptimizer optimizer, byte[] state, UnaryOperator<String> ids) {
        try (ParameterSet parameters = new ParameterSet(1, "w", "b")) {
            return assertThrows(IOException.class,
                    () -> optimizer.loadState(new ByteArrayInputStream(state), parameters.manager(), ids))
                .getMessage();
        }
    }

    @Test
    void refusesTheStateOfAnotherOptimizerType() throws IOException {
        assertEquals("optimizer state was written by DemonAdam, cannot load it into DemonSgd",
                loadFailure(demonSgd(), trainedState(demonAdam()), UnaryOperator.identity()));
    }

    @Test
    void refusesAnUnsupportedFormatVersion() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("dev.demon.optim.state");
        out.writeInt(99);
        out.writeUTF("DemonSgd");
        assertEquals("optimizer state format version 99 is not supported, expected 1",
                loadFailure(demonSgd(), bytes.toByteArray(), UnaryOperator.identity()));
    }

    @Test
    void refusesAStreamThatIsNoOptimizerState() {
        byte[] text = "{\"epoch\": 3}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("not an optimizer state written by dev.demon.optim: bad header",
                loadFailure(demonSgd(), text, UnaryOperator.identity()));
    }

    @Test
    void refusesATruncatedState() throws IOException {
        byte[] state = trainedState(demonSgd());
        assertEquals("DemonSgd state is truncated",
                loadFailure(demonSgd(), Arrays.copyOf(state, state.length - 10), UnaryOperator.identity()));
    }

    @Test
    void refusesASavedParameterThatMapsToNothing() throws IOException {
        assertEquals("saved parameter id b maps to no parameter",
                loadFailure(demonSgd(), trainedState(demonSgd()), id -> id.equals("b") ? null : id));
    }

}
