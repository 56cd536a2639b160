package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.demon.spring.checkpoint.EarlyStoppingState;

/**
 * The decisions per epoch sequence. The patience, {@code min_delta} and
 * {@code start_from_epoch} cases are ported from Keras' {@code EarlyStopping} tests
 * ({@code test_early_stopping_patience}: losses 10, 9, 8, 9, 8.9, ... stop after
 * {@code max(patience, 1) + 2} 0-based epochs), the thresholds' from Lightning's
 * {@code test_early_stopping_thresholds} sequences; epochs here are 1-based.
 */
class EarlyStoppingTest {

    private static final float[] KERAS_LOSSES = { 10f, 9f, 8f, 9f, 8.9f, 8.8f, 8.7f, 8.6f, 8.5f };

    @Test
    void patienceOneStopsAtTheFirstEpochWithoutImprovement() {
        assertThat(stopEpoch(loss(1, 0f, 0), KERAS_LOSSES)).isEqualTo(4);
    }

    @Test
    void patienceTwoAndThreeWaitThatManyEpochs() {
        assertThat(stopEpoch(loss(2, 0f, 0), KERAS_LOSSES)).isEqualTo(5);
        assertThat(stopEpoch(loss(3, 0f, 0), KERAS_LOSSES)).isEqualTo(6);
    }

    @Test
    void improvingEveryEpochNeverStops() {
        assertThat(stopEpoch(loss(1, 0f, 0), 5f, 4f, 3f, 2f, 1f)).isZero();
    }

    @Test
    void aChangeNoLargerThanMinDeltaIsNoImprovement() {
        // 10 − 9.5 = 0.5 is not more than 0.5; 9.5 → 8.9 would be, but the best stays 10.
        assertThat(stopEpoch(loss(1, 0.5f, 0), 10f, 9.5f, 8.9f)).isEqualTo(2);
        assertThat(stopEpoch(loss(1, 0.25f, 0), 10f, 9.5f, 8.9f)).isZero();
    }

    @Test
    void aNewBestWithinMinDeltaDoesNotRestartTheWait() {
        // 9.9 is lower than 10 but not by more than 0.5: the wait goes on and the best
        // stays 10.
        EarlyStopping stopping = new EarlyStopping(loss(2, 0.5f, 0), ModelMonitor.VALIDATION_LOSS,
                EarlyStoppingState.INITIAL);
        stopping.check(1, 10f);
        stopping.check(2, 9.9f);
        assertThat(stopping.check(3, 9.8f))
            .contains("validation-loss did not improve by more than 0.5 in 2 epochs; " + "best 10.0 at epoch 1");
    }

    @Test
    void epochsBeforeStartFromEpochAreNotChecked() {
        // Keras' start_from_epoch = 2 with patience 3: epoch 3 (8.0) is the first
        // checked,
        // and three epochs without improvement end it at epoch 6.
        assertThat(stopEpoch(loss(3, 0f, 2), KERAS_LOSSES)).isEqualTo(6);
        EarlyStopping stopping = new EarlyStopping(loss(1, 0f, 2), ModelMonitor.VALIDATION_LOSS,
                EarlyStoppingState.INITIAL);
        stopping.check(1, 1f);
        stopping.check(2, 1f);
        assertThat(stopping.state()).isEqualTo(EarlyStoppingState.INITIAL);
    }

    @Test
    void accuracyImprovesUpwards() {
        assertThat(stopEpoch(accuracy(1, 0f, null, null), 0.5f, 0.6f, 0.7f, 0.65f)).isEqualTo(4);
        // 0.625 − 0.5 is not more than 0.125 (exact in binary).
        assertThat(stopEpoch(accuracy(1, 0.125f, null, null), 0.5f, 0.625f)).isEqualTo(2);
    }

    @Test
    void patienceThreeOnLightningsSequence() {
        assertThat(stopEpoch(loss(3, 0f, 0), 8f, 4f, 2f, 3f, 4f, 5f, 8f, 10f)).isEqualTo(6);
    }

    @Test
    void stoppingThresholdStopsOnceReached() {
        EarlyStoppingSettings settings = withThresholds(loss(100, 0f, 0), 2.9f, null);
        assertThat(stopEpoch(settings, 9f, 8f, 7f, 6f, 5f, 4f, 3f, 2f, 1f)).isEqualTo(8);
        // Reached means equal counts too.
        assertThat(stopEpoch(withThresholds(loss(100, 0f, 0), 3f, null), 9f, 8f, 3f)).isEqualTo(3);
    }

    @Test
    void divergenceThresholdStopsOnceWorse() {
        EarlyStoppingSettings settings = withThresholds(loss(100, 0f, 0), null, 15.9f);
        assertThat(stopEpoch(settings, 9f, 4f, 2f, 16f, 32f, 64f)).isEqualTo(4);
    }

    @Test
    void accuracyThresholdsWorkUpwards() {
        assertThat(stopEpoch(accuracy(100, 0f, 0.9f, null), 0.5f, 0.89f, 0.9f)).isEqualTo(3);
        assertThat(stopEpoch(accuracy(100, 0f, null, 0.2f), 0.5f, 0.3f, 0.19f)).isEqualTo(3);
    }

    @Test
    void reasonsNameTheFigureAndTheThreshold() {
        EarlyStopping stopping = new EarlyStopping(withThresholds(loss(100, 0f, 0), 2.9f, 15.9f),
                ModelMonitor.VALIDATION_LOSS, EarlyStoppingState.INITIAL);
        assertThat(stopping.check(1, 2.5f)).contains("validation-loss 2.5 reached the stopping threshold 2.9");
        EarlyStopping diverging = new EarlyStopping(withThresholds(loss(100, 0f, 0), 2.9f, 15.9f),
                ModelMonitor.VALIDATION_LOSS, EarlyStoppingState.INITIAL);
        assertThat(diverging.check(1, 16f))
            .contains("validation-loss 16.0 is worse than the divergence threshold 15.9");
    }

    @Test
    void anEpochWithoutTheFigureIsNotChecked() {
        assertThat(stopEpoch(loss(1, 0f, 0), 5f, Float.NaN, Float.NaN, 4f)).isZero();
    }

    @Test
    void nothingIsCheckedOnceDecided() {
        EarlyStopping stopping = new EarlyStopping(loss(1, 0f, 0), ModelMonitor.VALIDATION_LOSS,
                EarlyStoppingState.INITIAL);
        stopping.check(1, 5f);
        assertThat(stopping.check(2, 6f)).isPresent();
        EarlyStoppingState decided = stopping.state();
        assertThat(stopping.check(3, 7f)).isEmpty();
        assertThat(stopping.state()).isEqualTo(decided);
    }

    @Test
    void stateHoldsBestWaitAndDecision() {
        EarlyStopping stopping = new EarlyStopping(loss(2, 0f, 0), ModelMonitor.VALIDATION_LOSS,
                EarlyStoppingState.INITIAL);
        stopping.check(1, 5f);
        stopping.check(2, 4f);
        stopping.check(3, 4.5f);
        assertThat(stopping.state()).isEqualTo(new EarlyStoppingState(4f, 2, 1, 0, null, 0, 0));
        stopping.check(4, 4.2f);
        stopping.planEnd(24, 30);
        assertThat(stopping.state()).isEqualTo(new EarlyStoppingState(4f, 2, 2, 4,
                "validation-loss did not improve by more than 0.0 in 2 epochs; best 4.0 at epoch 2", 24, 30));
    }

    @Test
    void aRestoredStateDecidesAsTheUninterruptedChecksDo() {
        // Uninterrupted: epoch 1 not checked, best 8 at epoch 3, three epochs without
        // improvement: stop at epoch 6.
        assertThat(stopEpoch(loss(3, 0f, 1), KERAS_LOSSES)).isEqualTo(6);
        for (int split = 0; split <= 6; split++) {
            EarlyStopping first = new EarlyStopping(loss(3, 0f, 1), ModelMonitor.VALIDATION_LOSS,
                    EarlyStoppingState.INITIAL);
            int stop = 0;
            for (int epoch = 1; epoch <= split && stop == 0; epoch++) {
                stop = first.check(epoch, KERAS_LOSSES[epoch - 1]).isPresent() ? epoch : 0;
            }
            EarlyStopping resumed = new EarlyStopping(loss(3, 0f, 1), ModelMonitor.VALIDATION_LOSS, first.state());
            for (int epoch = split + 1; epoch <= KERAS_LOSSES.length && stop == 0; epoch++) {
                stop = resumed.check(epoch, KERAS_LOSSES[epoch - 1]).isPresent() ? epoch : 0;
            }
            assertThat(stop).as("resumed after %d epochs", split).isEqualTo(6);
        }
    }

    private static int stopEpoch(EarlyStoppingSettings settings, float... values) {
        ModelMonitor monitor = settings.monitorFor(ModelMonitor.VALIDATION_LOSS);
        EarlyStopping stopping = new EarlyStopping(settings, monitor, EarlyStoppingState.INITIAL);
        for (int epoch = 1; epoch <= values.length; epoch++) {
            if (stopping.check(epoch, values[epoch - 1]).isPresent()) {
                return epoch;
            }
        }
        return 0;
    }

    static EarlyStoppingSettings loss(int patience, float minDelta, int startFromEpoch) {
        return new EarlyStoppingSettings(true, ModelMonitor.VALIDATION_LOSS, minDelta, patience, startFromEpoch, null,
                null, EarlyStoppingMode.STOP, 1, Set.of());
    }

    private static EarlyStoppingSettings accuracy(int patience, float minDelta, @Nullable Float stopping,
            @Nullable Float divergence) {
        return new EarlyStoppingSettings(true, ModelMonitor.VALIDATION_ACCURACY, minDelta, patience, 0, stopping,
                divergence, EarlyStoppingMode.STOP, 1, Set.of());
    }

    private static EarlyStoppingSettings withThresholds(EarlyStoppingSettings settings, @Nullable Float stopping,
            @Nullable Float divergence) {
        return new EarlyStoppingSettings(true, settings.monitor(), settings.minDelta(), settings.patience(),
                settings.startFromEpoch(), stopping, divergence, settings.mode(), settings.decayEpochs(), Set.of());
    }

}
