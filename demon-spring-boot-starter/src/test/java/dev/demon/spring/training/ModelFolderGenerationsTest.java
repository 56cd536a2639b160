package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.MalformedModelException;
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
import dev.demon.spring.workspace.GenerationalName;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;

/**
 * A completed run's model folders go under the names of its lease generation, so a holder
 * paused between its check and its write leaves a newer holder's folders as they were,
 * and readers take the newer ones.
 */
class ModelFolderGenerationsTest {

    @TempDir
    Path dir;

    private static TrainingPlan plan() {
        RunConfiguration configuration = new RunConfiguration(
                new DemonOptimizerFactory(OptimizerType.SGDM, new DemonSchedule(0.9f),
                        new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, 0.1f), 0f),
                1, SyntheticPipeline.BATCH_SIZE, 7, "MXNet");
        return new TrainingPlan(SyntheticPipeline.NAME,
                new SyntheticPipeline(new StaticListableBeanFactory().getBeanProvider(DataFault.class)), configuration,
                ModelMonitor.VALIDATION_LOSS, Duration.ofMinutes(10));
    }

    /** Trains the plan's one epoch, checkpointed under a lease. */
    private static void train(TrainingPlan plan, CheckpointStore checkpoints) throws Exception {
        try (TrainingSession session = TrainingSession.open(plan, checkpoints, null, null, 1)) {
            session.trainThrough(1, () -> false);
        }
    }

    @Test
    void writerPausedBetweenItsCheckAndItsWriteLeavesTheNewerHoldersModelsAsTheyWere() throws Exception {
        TrainingPlan plan = plan();
        PipelineFolder pipeline = new Workspace(this.dir).pipeline(SyntheticPipeline.NAME);
        // Leases of generations 1 and 2 that hold however long training takes here.
        try (Lease older = new GenerationLease(1); Lease newerLease = new GenerationLease(2)) {
            train(plan, new CheckpointStore(pipeline.run(1), older));
            Map<String, byte[]> newerModel = new TreeMap<>();
            Map<String, byte[]> newerBestModel = new TreeMap<>();
            AtomicBoolean newerWrote = new AtomicBoolean();
            // The older holder has checked the checkpoints (none newer) and is paused, as
            // by a GC pause or SIGSTOP, while the newer one saves the models.
            ModelExporter paused = new ModelExporter(plan, pipeline, target -> {
                if (newerWrote.compareAndSet(false, true)) {
                    try {
                        new ModelExporter(plan, pipeline).export(new CheckpointStore(pipeline.run(1), newerLease),
                                Map.of("Writer", "newer"));
                    }
                    catch (MalformedModelException ex) {
                        throw new IOException(ex);
                    }
                    newerModel.putAll(FolderContents.of(pipeline.model(2)));
                    newerBestModel.putAll(FolderContents.of(pipeline.bestModel(2)));
                }
            });

            ModelExporter.Exported stale = paused.export(new CheckpointStore(pipeline.run(1), older),
                    Map.of("Writer", "older"));

            assertThat(stale.model().path()).isEqualTo(pipeline.model(1).toString());
            assertThat(newerModel).containsKey("synthetic-0001.params");
            assertThat(FolderContents.of(pipeline.model(2))).containsExactlyEntriesOf(newerModel);
            assertThat(FolderContents.of(pipeline.bestModel(2))).containsExactlyEntriesOf(newerBestModel);
            assertThat(pipeline.model()).isEqualTo(pipeline.model(2));
            assertThat(pipeline.bestModel()).isEqualTo(pipeline.bestModel(2));
            assertThat(GenerationalName.newestFolder(pipeline.bestModel(0))).isEqualTo(pipeline.bestModel(2));
        }
    }

}
