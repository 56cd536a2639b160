package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobInterruptedException;
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

import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.report.ReportJson;
import dev.demon.spring.testing.RecordedSweep;
import dev.demon.spring.testing.TakenOverLease;
import dev.demon.spring.training.ModelMonitor;

/**
 * The sweep's job listener writes the results when the job ends, after a real partitioned
 * trials step (Spring Batch names each partition {@code <worker step>:<partition key>}
 * and stores the context its worker left, which is what the results read), with the job's
 * final status and under its lease. The sweep: two trials of one epoch, by their learning
 * rate.
 */
class SweepJobListenerTest {

    private static final ModelMonitor LOSS = ModelMonitor.VALIDATION_LOSS;

    /** Each trial's validation loss after its one epoch, by its learning rate. */
    private static final Map<String, Double> LOSS_BY_LEARNING_RATE = Map.of("0.01", 0.3, "0.1", 0.2);

    private static final TrainingPipeline DECLARATION = SweptRegression.class.getAnnotation(TrainingPipeline.class);

    @TempDir
    Path workspace;

    private RecordedSweep sweep;

    private RunningExecutions executions;

    /** Set to fail the trial of this learning rate. */
    private volatile String failingLearningRate = "";

    /** Set to lose the lease while this trial trains, for the rest of the job. */
    private volatile String leaseLosingTrial = "";

    private final AtomicBoolean leaseLost = new AtomicBoolean();

    @BeforeEach
    void recordTheSweep() throws Exception {
        sweep = new RecordedSweep(workspace);
        executions = new RunningExecutions(sweep.repository());
    }

    private Job job() {
        JobRepository repository = sweep.repository();
        Partitioner grid = gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (String learningRate : new String[] { "0.01", "0.1" }) {
                String trial = SweepPartitioner.key(partitions.size() + 1);
                ExecutionContext context = new ExecutionContext();
                TrialProgress.notStarted(trial, RecordedSweep.parameters(learningRate, "demon")).writeTo(context);
                partitions.put(trial, context);
            }
            return partitions;
        };
        Tasklet oneEpoch = (contribution, chunkContext) -> {
            StepExecution partition = contribution.getStepExecution();
            String trial = partition.getStepName().substring(partition.getStepName().indexOf(':') + 1);
            leaseLost.compareAndSet(false, trial.equals(leaseLosingTrial));
            TrialProgress progress = TrialProgress.readFrom(trial, partition.getExecutionContext());
            String learningRate = progress.parameters().get("learning-rate.initial");
            progress = progress.withAttempt("node-a")
                .withConfiguration(RecordedSweep.configuration(Float.parseFloat(learningRate), "demon"));
            if (learningRate.equals(failingLearningRate)) {
                progress.writeTo(partition.getExecutionContext());
                throw new IllegalStateException("injected fault in " + trial);
            }
            double loss = LOSS_BY_LEARNING_RATE.get(learningRate);
            progress.withEpoch(loss, loss, 8, 1.0).writeTo(partition.getExecutionContext());
            sweep.checkpoints(trial, LOSS, loss);
            return RepeatStatus.FINISHED;
        };
        Step trials = new StepBuilder("lr-trials", repository).partitioner(RecordedSweep.TRIAL_STEP, grid)
            .step(new StepBuilder(RecordedSweep.TRIAL_STEP, repository).tasklet(oneEpoch).build())
            .gridSize(2)
            .taskExecutor(new SyncTaskExecutor())
            .build();
        SweepPlan plan = SweepPlan.of(
                new SweepDefinition(RecordedSweep.SWEEP, SweptRegression.NAME, SweepSearch.GRID, null, 0, Map.of(),
                        Map.of("learning-rate.initial", List.of("0.01", "0.1")), null, SweepPruning.NONE, 1, 5, 1),
                DECLARATION, new SweptRegression(), null, settings -> {
                    throw new AssertionError("asked for the configuration of " + settings);
                });
        SweepResultsWriter results = sweep.writer(RecordedSweep.summary(LOSS));
        return new JobBuilder(RecordedSweep.SWEEP, repository)
            .listener(new SweepJobListener(plan, repository, sweep.folder(), executions, results))
            .start(trials)
            .build();
    }

    /** Runs the job under a lease, as the launcher does. */
    private void run(Lease lease) throws JobInterruptedException {
        try (RunningExecutions.Launch launch = executions.launch(RecordedSweep.SWEEP, lease)) {
            job().execute(sweep.execution());
        }
    }

    private JsonNode results() throws Exception {
        return ReportJson.mapper().readTree(sweep.folder().results().toFile());
    }

    @Test
    void aCompletedSweepWritesCompletedWithEveryTrialAsItsPartitionLeftItAndItsLeasesGeneration() throws Exception {
        try (TakenOverLease lease = TakenOverLease.in(workspace)) {
            run(lease.newer());
        }

        assertThat(sweep.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        JsonNode json = results();
        assertThat(json.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(json.get("generation").asLong()).isEqualTo(2);
        assertThat(json.get("trials").toString()).isEqualTo("[" + trial("trial-0001", "0.01", "COMPLETED", 0.3) + ","
                + trial("trial-0002", "0.1", "COMPLETED", 0.2) + "]");
        assertThat(json.get("best").get("trial").asString()).isEqualTo("trial-0002");
        assertThat(json.get("bestModel").get("trial").asString()).isEqualTo("trial-0002");
        assertThat(sweep.folder().bestModel().resolve("regression-0001.params")).isRegularFile();
    }

    @Test
    void aSweepWithAFailedTrialWritesFailedWithTheTrialFailedAndTheBestOfTheOthers() throws Exception {
        failingLearningRate = "0.1";

        run(Lease.none());

        assertThat(sweep.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        JsonNode json = results();
        assertThat(json.get("status").asString()).isEqualTo("FAILED");
        assertThat(json.get("generation").asLong()).isZero();
        assertThat(json.get("trials").toString()).isEqualTo("[" + trial("trial-0001", "0.01", "COMPLETED", 0.3) + ","
                + trial("trial-0002", "0.1", "FAILED", null) + "]");
        assertThat(json.get("best").get("trial").asString()).isEqualTo("trial-0001");
        assertThat(json.get("bestModel").get("trial").asString()).isEqualTo("trial-0001");
    }

    @Test
    void aSweepThatLostItsLeaseEndsFailedAndWritesNoResults() throws Exception {
        Lease lease = new Lease() {

            @Override
            public void requireHeld() {
                if (leaseLost.get()) {
                    throw new LeaseLostException(RecordedSweep.SWEEP, "its lease was taken over");
                }
            }

            @Override
            public void close() {
            }

        };
        leaseLosingTrial = "trial-0002";

        run(lease);

        assertThat(sweep.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(sweep.execution().getExitStatus().getExitDescription()).contains("its lease was taken over");
        assertThat(List.of(sweep.folder().results(), sweep.folder().trials(), sweep.folder().bestModel()))
            .allSatisfy(file -> assertThat(file).doesNotExist());
    }

    private static String trial(String trial, String learningRate, String status, Double loss) {
        return "{\"trial\":\"" + trial + "\",\"parameters\":{\"learning-rate.initial\":\"" + learningRate
                + "\",\"momentum.schedule\":\"demon\"},\"configuration\":{\"optimizer\":\"sgdm\","
                + "\"momentumSchedule\":\"demon\",\"betaInit\":0.9,\"decayStart\":0.0,\"learningRate\":" + learningRate
                + ",\"learningRateSchedule\":\"fixed\",\"plateauPatience\":null,\"weightDecay\":0.0,\"epochs\":3,\"batchSize\":16,\"seed\":7,"
                + "\"engine\":\"MXNet\",\"engineVersion\":\"1.9.1\"},\"status\":\"" + status + "\",\"attempts\":1,"
                + "\"bestEpoch\":" + (loss != null ? "1" : "null") + ",\"objective\":["
                + (loss != null ? loss.toString() : "") + "],\"bestObjective\":" + loss + ",\"updates\":"
                + (loss != null ? 8 : 0) + ",\"seconds\":" + (loss != null ? "1.0" : "0.0") + ",\"host\":\"node-a\"}";
    }

}
