package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import org.junit.jupiter.api.Test;

import dev.demon.optim.DemonSgd;
import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.checkpoint.EpochProgress;
import dev.demon.spring.testing.SyntheticFit;
import dev.demon.spring.testing.SyntheticPipeline;

/**
 * The history accumulates each batch's loss and accuracy itself, so that a mid-epoch
 * checkpoint can carry the sums; its running figures must stay DJL's own.
 */
class HistoryTrainingListenerTest {

    private static final int EPOCHS = 2;

    /** After every training batch: the history's loss and accuracy, then DJL's. */
    private final List<float[]> afterEachBatch = new ArrayList<>();

    @Test
    void runningLossAndAccuracyEqualDjlsEpochAccumulatorsAfterEveryBatch() throws IOException, TranslateException {
        train();
        assertThat(afterEachBatch).hasSize(EPOCHS * SyntheticPipeline.BATCHES_PER_EPOCH);
        for (float[] figures : afterEachBatch) {
            assertThat(figures[0]).isEqualTo(figures[2]);
            assertThat(figures[1]).isEqualTo(figures[3]);
        }
    }

    @Test
    void restoredProgressContinuesTheRunningFigures() {
        HistoryTrainingListener history = new HistoryTrainingListener(optimizer(), EPOCHS, List.of());
        history.restore(new EpochProgress(1, 3, 48, 1_000, 2.5f, 30, 48));
        assertThat(history.batchesThisEpoch()).isEqualTo(3);
        assertThat(history.trainLoss()).isEqualTo(2.5f / 3);
        assertThat(history.trainAccuracy()).isEqualTo(30f / 48);
        assertThat(history.progress()).isEqualTo(new EpochProgress(1, 3, 48, 1_000, 2.5f, 30, 48));
    }

    @Test
    void progressOfAnotherEpochIsRefused() {
        HistoryTrainingListener history = new HistoryTrainingListener(optimizer(), EPOCHS, List.of());
        assertThatIllegalArgumentException().isThrownBy(() -> history.restore(new EpochProgress(2, 3, 48, 0, 1, 0, 0)))
            .withMessage("Progress of epoch 2 restored while epoch 1 runs");
    }

    private static ScheduledMomentumOptimizer optimizer() {
        return DemonSgd.builder()
            .setLearningRateTracker(Tracker.fixed(0.1f))
            .setTotalSteps((long) EPOCHS * SyntheticPipeline.BATCHES_PER_EPOCH)
            .build();
    }

    private void train() throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(7);
        ScheduledMomentumOptimizer optimizer = optimizer();
        DemonTrainingListeners demon = DemonTrainingListeners.builder()
            .setOptimizer(optimizer)
            .setEpochs(EPOCHS)
            .optLogging(false)
            .build();
        HistoryTrainingListener history = demon.history();
        TrainingListenerAdapter comparison = new TrainingListenerAdapter() {
            @Override
            public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                Evaluator accuracy = trainer.getEvaluators()
                    .stream()
                    .filter(Accuracy.class::isInstance)
                    .findFirst()
                    .orElseThrow();
                afterEachBatch.add(new float[] { history.trainLoss(), history.trainAccuracy(),
                        trainer.getLoss().getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH),
                        accuracy.getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH) });
            }
        };
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer)
            .addEvaluator(new Accuracy())
            .addTrainingListeners(new EvaluatorTrainingListener())
            .addTrainingListeners(demon.toArray())
            .addTrainingListeners(comparison);
        try (optimizer) {
            SyntheticFit.fit("history", config, EPOCHS);
        }
    }

}
