package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.demon.schedule.DemonSchedule;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.FolderContents;
import dev.demon.spring.testing.GenerationLease;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;

/** The models a completed run saves. */
class ModelExporterTest {

    @TempDir
    Path dir;

    @Test
    void bestModelOfARunWhoseLastEpochIsItsBestHoldsTheModelsFilesByteForByte() throws Exception {
        RunConfiguration configuration = new RunConfiguration(
                new DemonOptimizerFactory(OptimizerType.SGDM, new DemonSchedule(0.9f),
                        new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, 0.1f), 0f),
                1, SyntheticPipeline.BATCH_SIZE, 7, "MXNet");
        TrainingPlan plan = new TrainingPlan(SyntheticPipeline.NAME,
                new SyntheticPipeline(new StaticListableBeanFactory().getBeanProvider(DataFault.class)), configuration,
                ModelMonitor.VALIDATION_LOSS, Duration.ofMinutes(10));
        PipelineFolder pipeline = new Workspace(this.dir).pipeline(SyntheticPipeline.NAME);
        try (Lease lease = new GenerationLease(1)) {
            CheckpointStore checkpoints = new CheckpointStore(pipeline.run(1), lease);
            try (TrainingSession session = TrainingSession.open(plan, checkpoints, null, null, 1)) {
                session.trainThrough(1, () -> false);
            }

            ModelExporter.Exported exported = new ModelExporter(plan, pipeline).export(checkpoints,
                    Map.of("seed", "7"));

            assertThat(exported.bestModel().path()).isEqualTo(pipeline.bestModel(1).toString());
            assertThat(exported.bestModel().epoch()).isEqualTo(1);
            assertThat(exported.bestModel().validationLoss()).isEqualTo(exported.model().validationLoss());
            assertThat(FolderContents.of(pipeline.model(1))).containsKey("synthetic-0001.params");
            assertThat(FolderContents.of(pipeline.bestModel(1)))
                .containsExactlyEntriesOf(FolderContents.of(pipeline.model(1)));
        }
    }

}
