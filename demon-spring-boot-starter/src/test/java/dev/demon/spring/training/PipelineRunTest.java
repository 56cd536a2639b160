package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Random;
import java.util.Set;

import ai.djl.TrainingDivergedException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.demon.schedule.DecayThenStop;
import dev.demon.schedule.DemonSchedule;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.report.EpochSummary;

/**
 * A {@link PipelineRun} trains a user's pipeline without Spring Batch through the loop of
 * the starter's jobs: here a linear regression on tabular data, with an L2 loss and no
 * evaluators.
 */
class PipelineRunTest {

    private static final int EPOCHS = 3;

    /** 64 records in batches of 16. */
    private static final int BATCH_SIZE = 16;

    private static final long T = EPOCHS * 64 / BATCH_SIZE;

    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void closeData() {
        manager.close();
    }

    private PipelineRun run(float learningRate) {
        return run(learningRate, EarlyStoppingSettings.DISABLED);
    }

    private PipelineRun run(float learningRate, EarlyStoppingSettings earlyStopping) {
        return PipelineRun.builder()
            .setPipeline("regression", new Regression(manager))
            .setEpochs(EPOCHS)
            .setBatchSize(BATCH_SIZE)
            .setOptimizers(new DemonOptimizerFactory(OptimizerType.SGDM, new DemonSchedule(0.9f),
                    new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, learningRate), 0f))
            .optSeed(5)
            .optEarlyStopping(earlyStopping)
            .build();
    }

    /** Stops after the first epoch checked: any validation loss reaches the threshold. */
    private static EarlyStoppingSettings stopAtOnce(EarlyStoppingMode mode) {
        return new EarlyStoppingSettings(true, null, 0f, 1, 0, Float.MAX_VALUE, null, mode, 1, Set.of());
    }

    @Test
    void earlyStoppingEndsTheRunAfterTheEpochThatDecided() throws Exception {
        PipelineRun run = run(0.01f, stopAtOnce(EarlyStoppingMode.STOP));
        assertThat(run.train()).extracting(EpochSummary::epoch).containsExactly(1);
        assertThat(run.updatesDone()).isEqualTo(4);
        assertThat(run.earlyStopping().stopEpoch()).isEqualTo(1);
        assertThat(run.earlyStopping().endUpdate()).isEqualTo(4);
    }

    @Test
    void decayThenStopTrainsTheDecayEpochWithBetaReplanned() throws Exception {
        PipelineRun run = run(0.01f, stopAtOnce(EarlyStoppingMode.DECAY_THEN_STOP));
        List<EpochSummary> history = run.train();
        assertThat(history).extracting(EpochSummary::epoch).containsExactly(1, 2);
        assertThat(run.updatesDone()).isEqualTo(8);
        // Decided at t_s = 4, ending at T' = 8 of T = 12: β of update 7 re-planned.
        DemonSchedule demon = new DemonSchedule(0.9f);
        assertThat(history.get(1).momentum()).isEqualTo(new DecayThenStop(4, 8).momentum(demon, T).momentum(7, T))
            .isLessThan(demon.momentum(7, T));
    }

    @Test
    void trainsEveryEpochAndReturnsWhatEachAchieved() throws Exception {
        List<EpochSummary> history = run(0.01f).train();
        assertThat(history).extracting(EpochSummary::epoch).containsExactly(1, 2, 3);
        // β of each epoch's last update, the one with 0-based index 4e - 1.
        DemonSchedule demon = new DemonSchedule(0.9f);
        assertThat(history).extracting(EpochSummary::momentum)
            .containsExactly(demon.momentum(3, T), demon.momentum(7, T), demon.momentum(T - 1, T));
        assertThat(history.get(2).validationLoss()).isLessThan(history.get(0).validationLoss());
    }

    @Test
    void theSameSeedTrainsTheSameRun() throws Exception {
        List<EpochSummary> first = run(0.01f).train();
        List<EpochSummary> second = run(0.01f).train();
        assertThat(second).extracting(EpochSummary::trainLoss)
            .containsExactlyElementsOf(first.stream().map(EpochSummary::trainLoss).toList());
        assertThat(second).extracting(EpochSummary::validationLoss)
            .containsExactlyElementsOf(first.stream().map(EpochSummary::validationLoss).toList());
    }

    @Test
    void aDivergingRunThrowsDjlsExceptionAndKeepsNoUnfinishedEpoch() {
        PipelineRun diverging = run(1e6f);
        assertThatExceptionOfType(TrainingDivergedException.class).isThrownBy(diverging::train);
        assertThat(diverging.history()).isEmpty();
    }

    @Test
    void epochsAreRequired() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> PipelineRun.builder()
                .setPipeline("regression", new Regression(manager))
                .setBatchSize(BATCH_SIZE)
                .setOptimizers(new DemonOptimizerFactory(OptimizerType.SGDM, new DemonSchedule(0.9f),
                        new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, 0.01f), 0f))
                .build())
            .withMessage("epochs and batchSize must be >= 1, got 0 and 16");
    }

    /** y = 2·x1 − x2 + 0.5 plus a little noise, 64 training and 32 validation records. */
    private static final class Regression implements PipelineDefinition {

        private final NDManager manager;

        Regression(NDManager manager) {
            this.manager = manager;
        }

        @Override
        public Block model() {
            return Linear.builder().setUnits(1).build();
        }

        @Override
        public RandomAccessDataset trainingSet(int batchSize) {
            return records(64, 1, batchSize);
        }

        @Override
        public RandomAccessDataset validationSet(int batchSize) {
            return records(32, 2, batchSize);
        }

        private RandomAccessDataset records(int size, long seed, int batchSize) {
            Random random = new Random(seed);
            float[] features = new float[size * 2];
            float[] targets = new float[size];
            for (int i = 0; i < size; i++) {
                features[2 * i] = (float) random.nextGaussian();
                features[2 * i + 1] = (float) random.nextGaussian();
                targets[i] = 2 * features[2 * i] - features[2 * i + 1] + 0.5f + 0.01f * (float) random.nextGaussian();
            }
            return new ArrayDataset.Builder().setData(manager.create(features, new Shape(size, 2)))
                .optLabels(manager.create(targets, new Shape(size, 1)))
                .setSampling(batchSize, false)
                .build();
        }

        @Override
        public Loss loss() {
            return Loss.l2Loss();
        }

        @Override
        public List<Evaluator> evaluators() {
            return List.of();
        }

    }

}
