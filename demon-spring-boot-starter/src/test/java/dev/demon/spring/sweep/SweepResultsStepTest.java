package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.task.SyncTaskExecutor;
import tools.jackson.databind.JsonNode;

import dev.demon.spring.report.ReportJson;
import dev.demon.spring.training.ModelMonitor;

/**
 * The results step after a real partitioned trials step, as the sweep's job runs them:
 * Spring Batch names each partition {@code <worker step>:<partition key>} and stores the
 * context its worker left, which is what the results read.
 */
class SweepResultsStepTest {

    private static final ModelMonitor LOSS = ModelMonitor.VALIDATION_LOSS;

    /** Each trial's validation loss after its one epoch, by its learning rate. */
    private static final Map<String, Double> LOSS_BY_LEARNING_RATE = Map.of("0.01", 0.3, "0.1", 0.2);

    @TempDir
    Path workspace;

    @Test
    void theResultsStepReadsWhatEachPartitionOfTheTrialsStepBeforeItLeft() throws Exception {
        RecordedSweep sweep = new RecordedSweep(workspace);
        JobRepository repository = sweep.repository();
        Partitioner grid = gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (String learningRate : new String[] { "0.01", "0.1" }) {
                String trial = String.format("trial-%04d", partitions.size() + 1);
                ExecutionContext context = new ExecutionContext();
                TrialProgress.notStarted(trial, RecordedSweep.parameters(learningRate, "demon")).writeTo(context);
                partitions.put(trial, context);
            }
            return partitions;
        };
        Tasklet oneEpoch = (contribution, chunkContext) -> {
            StepExecution partition = contribution.getStepExecution();
            String trial = partition.getStepName().substring(partition.getStepName().indexOf(':') + 1);
            TrialProgress progress = TrialProgress.readFrom(trial, partition.getExecutionContext());
            double loss = LOSS_BY_LEARNING_RATE.get(progress.parameters().get("learning-rate.initial"));
            progress.withAttempt("node-a").withEpoch(loss, 8, 1.0).writeTo(partition.getExecutionContext());
            sweep.checkpoints(trial, LOSS, loss);
            return RepeatStatus.FINISHED;
        };
        Step trials = new StepBuilder("lr-trials", repository).partitioner(RecordedSweep.TRIAL_STEP, grid)
            .step(new StepBuilder(RecordedSweep.TRIAL_STEP, repository).tasklet(oneEpoch).build())
            .gridSize(2)
            .taskExecutor(new SyncTaskExecutor())
            .build();
        Step results = new StepBuilder("lr-results", repository).tasklet(sweep.tasklet(RecordedSweep.summary(LOSS)))
            .build();
        Job job = new JobBuilder(RecordedSweep.SWEEP, repository).start(trials).next(results).build();

        job.execute(sweep.execution());

        assertThat(sweep.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        JsonNode json = ReportJson.mapper().readTree(sweep.folder().results().toFile());
        assertThat(json.get("trials").toString())
            .isEqualTo("[" + trial("trial-0001", "0.01", 0.3) + "," + trial("trial-0002", "0.1", 0.2) + "]");
        assertThat(json.get("best").get("trial").asString()).isEqualTo("trial-0002");
        assertThat(json.get("bestModel").get("trial").asString()).isEqualTo("trial-0002");
    }

    private static String trial(String trial, String learningRate, double loss) {
        return "{\"trial\":\"" + trial + "\",\"parameters\":{\"learning-rate.initial\":\"" + learningRate
                + "\",\"momentum.schedule\":\"demon\"},\"status\":\"COMPLETED\",\"attempts\":1,\"bestEpoch\":1,"
                + "\"objective\":[" + loss + "],\"bestObjective\":" + loss
                + ",\"updates\":8,\"seconds\":1.0,\"host\":\"node-a\"}";
    }

}
