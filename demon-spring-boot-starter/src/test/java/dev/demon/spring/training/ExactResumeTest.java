package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.demon.schedule.DemonSchedule;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.SyntheticDataset;
import dev.demon.spring.testing.SyntheticPipeline;

/**
 * {@code demon.checkpoint.exact-resume}: an epoch stopped after its third batch and
 * resumed from that checkpoint by a new session ends with the uninterrupted epoch's
 * parameters when the engine is reseeded before every batch, also for a model with
 * dropout. Without the reseeding a model without random layers still does; one with
 * dropout draws other masks from the resumed batch on.
 */
class ExactResumeTest {

    private static final int STOP_AFTER = 3;

    @TempDir
    Path dir;

    @Test
    void reseedingEveryBatchResumesAModelWithDropoutBitForBit() throws Exception {
        TrainingPlan plan = plan(true, true);
        assertThat(resumedEpoch(plan, "resumed")).isEqualTo(uninterruptedEpoch(plan, "uninterrupted"));
    }

    @Test
    void withoutReseedingAModelWithoutRandomLayersStillResumesBitForBit() throws Exception {
        TrainingPlan plan = plan(false, false);
        assertThat(resumedEpoch(plan, "resumed")).isEqualTo(uninterruptedEpoch(plan, "uninterrupted"));
    }

    @Test
    void withoutReseedingAModelWithDropoutResumesWithOtherMasks() throws Exception {
        TrainingPlan plan = plan(true, false);
        assertThat(resumedEpoch(plan, "resumed")).isNotEqualTo(uninterruptedEpoch(plan, "uninterrupted"));
    }

    private static TrainingPlan plan(boolean dropout, boolean exactResume) {
        RunConfiguration configuration = new RunConfiguration(
                new DemonOptimizerFactory(OptimizerType.SGDM, new DemonSchedule(0.9f),
                        new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, 0.1f), 0f),
                1, SyntheticPipeline.BATCH_SIZE, 7, "MXNet");
        PipelineDefinition pipeline = dropout ? new WithDropout()
                : new SyntheticPipeline(new StaticListableBeanFactory().getBeanProvider(DataFault.class));
        return new TrainingPlan(SyntheticPipeline.NAME, pipeline, configuration, ModelMonitor.VALIDATION_LOSS,
                Duration.ofMinutes(10), null, EarlyStoppingSettings.DISABLED, exactResume);
    }

    /** The parameters of the epoch's checkpoint, trained in one session. */
    private byte[] uninterruptedEpoch(TrainingPlan plan, String run) throws Exception {
        CheckpointStore checkpoints = new CheckpointStore(dir.resolve(run));
        try (TrainingSession session = TrainingSession.open(plan, checkpoints, null, null, 1)) {
            assertThat(session.trainThrough(1, () -> false)).isPresent();
        }
        return epochCheckpoint(checkpoints);
    }

    /**
     * The parameters of the epoch's checkpoint, stopped after batch 3 and finished by a
     * second session from the checkpoint the stop wrote.
     */
    private byte[] resumedEpoch(TrainingPlan plan, String run) throws Exception {
        CheckpointStore checkpoints = new CheckpointStore(dir.resolve(run));
        try (TrainingSession session = TrainingSession.open(plan, checkpoints, null, null, 1)) {
            assertThat(session.trainThrough(1, () -> session.batchesThisEpoch() == STOP_AFTER)).isEmpty();
        }
        try (TrainingSession session = TrainingSession.open(plan, checkpoints, null, null, 1)) {
            assertThat(session.batchesThisEpoch()).isEqualTo(STOP_AFTER);
            assertThat(session.trainThrough(1, () -> false)).isPresent();
        }
        return epochCheckpoint(checkpoints);
    }

    private static byte[] epochCheckpoint(CheckpointStore checkpoints) throws Exception {
        Path file = checkpoints.files()
            .stream()
            .filter(path -> path.getFileName().toString().startsWith("epoch-0001."))
            .findFirst()
            .orElseThrow();
        return checkpoints.read(file).parameters();
    }

    /** The synthetic pipeline with dropout after its hidden layer. */
    private static final class WithDropout implements PipelineDefinition {

        private final SyntheticPipeline synthetic = new SyntheticPipeline(
                new StaticListableBeanFactory().getBeanProvider(DataFault.class));

        @Override
        public Block model() {
            return new SequentialBlock().add(Linear.builder().setUnits(16).build())
                .add(Activation::tanh)
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(SyntheticDataset.CLASSES).build());
        }

        @Override
        public RandomAccessDataset trainingSet(int batchSize) {
            return synthetic.trainingSet(batchSize);
        }

        @Override
        public RandomAccessDataset validationSet(int batchSize) {
            return synthetic.validationSet(batchSize);
        }

        @Override
        public Loss loss() {
            return synthetic.loss();
        }

        @Override
        public List<Evaluator> evaluators() {
            return synthetic.evaluators();
        }

    }

}
