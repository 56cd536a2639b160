package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import tools.jackson.databind.JsonNode;

import dev.demon.demo.it.JobRepositoryFile.JobExecutionRow;
import dev.demon.demo.it.JobRepositoryFile.JobParameterRow;
import dev.demon.demo.it.JobRepositoryFile.StepExecutionRow;

/**
 * A user's training run is killed with {@code kill -9} during epoch 2 of 2, then started
 * again: with another learning rate the start is refused before any training, naming the
 * property with the value the run was started with and the new one; with the run's own
 * configuration it resumes and completes; with another learning rate and
 * {@code demon.unfinished-run=abandon} the killed run ends ABANDONED and a new run
 * completes. Each restart works on its own copy of what the kill left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnfinishedRunIT {

    private static final int EPOCHS = 2;

    /** The demo's application.yml sets it. */
    private static final String RECORDED_LEARNING_RATE = "0.05";

    private static final String OTHER_LEARNING_RATE = "0.02";

    private MlpJob killed;

    private int killedExitCode;

    private List<JobExecutionRow> jobsAfterCrash;

    private List<StepExecutionRow> stepsAfterCrash;

    private MlpJob refusedAndResumed;

    private int refusedExitCode;

    private String refusedLog;

    private List<JobExecutionRow> jobsAfterRefusal;

    private List<StepExecutionRow> stepsAfterRefusal;

    private int resumedExitCode;

    private List<JobExecutionRow> jobsAfterResume;

    private List<StepExecutionRow> stepsAfterResume;

    private MlpJob abandoning;

    private int abandoningExitCode;

    private List<JobExecutionRow> jobsAfterAbandon;

    @BeforeAll
    void killDuringEpochTwoThenStartAgainThreeWays(@TempDir Path workDir) throws Exception {
        this.killed = MlpJob.keepingCheckpointsIn(workDir.resolve("killed").resolve("checkpoints"))
            .with("demon.epochs", Integer.toString(EPOCHS));
        this.killedExitCode = this.killed.killDuringEpoch(2, Files.createDirectories(workDir.resolve("killed")));
        JobRepositoryFile crashed = JobRepositoryFile.in(this.killed.checkpointDir());
        this.jobsAfterCrash = crashed.jobExecutions();
        this.stepsAfterCrash = crashed.stepExecutions();

        this.refusedAndResumed = copyOfKilledRun(workDir.resolve("refused-then-resumed"));
        JobRepositoryFile repository = JobRepositoryFile.in(this.refusedAndResumed.checkpointDir());
        Path refusedDir = Files.createDirectories(workDir.resolve("refused-then-resumed").resolve("refused"));
        this.refusedExitCode = this.refusedAndResumed.with("demon.learning-rate.initial", OTHER_LEARNING_RATE)
            .run(refusedDir);
        this.refusedLog = Files.readString(DemoJar.log(refusedDir));
        this.jobsAfterRefusal = repository.jobExecutions();
        this.stepsAfterRefusal = repository.stepExecutions();
        this.resumedExitCode = this.refusedAndResumed
            .run(Files.createDirectories(workDir.resolve("refused-then-resumed").resolve("resumed")));
        this.jobsAfterResume = repository.jobExecutions();
        this.stepsAfterResume = repository.stepExecutions();

        this.abandoning = copyOfKilledRun(workDir.resolve("abandoned")).with("demon.unfinished-run", "abandon")
            .with("demon.learning-rate.initial", OTHER_LEARNING_RATE);
        this.abandoningExitCode = this.abandoning
            .run(Files.createDirectories(workDir.resolve("abandoned").resolve("abandoning")));
        this.jobsAfterAbandon = JobRepositoryFile.in(this.abandoning.checkpointDir()).jobExecutions();
    }

    private MlpJob copyOfKilledRun(Path folder) throws IOException {
        Path checkpoints = folder.resolve("checkpoints");
        FileSystemUtils.copyRecursively(this.killed.checkpointDir(), checkpoints);
        return this.killed.withCheckpointsIn(checkpoints);
    }

    @Test
    void killedRunRecordedItsConfigurationAsNonIdentifyingJobParameters() {
        assertThat(this.killedExitCode).as("exit value of the killed process").isEqualTo(137);
        assertThat(this.jobsAfterCrash).extracting(JobExecutionRow::status).containsExactly("STARTED");
        List<JobParameterRow> parameters = JobRepositoryFile.in(this.killed.checkpointDir())
            .jobParameters(this.jobsAfterCrash.get(0).id());
        assertThat(parameters).filteredOn(JobParameterRow::identifying)
            .extracting(JobParameterRow::name)
            .containsExactly("run.id");
        assertThat(parameters).contains(
                new JobParameterRow("demon.learning-rate.initial", RECORDED_LEARNING_RATE, false),
                new JobParameterRow("demon.epochs", Integer.toString(EPOCHS), false),
                new JobParameterRow("demon.batch-size", Integer.toString(MlpJob.BATCH_SIZE), false),
                new JobParameterRow("demon.seed", "7", false));
    }

    @Test
    void startWithAnotherLearningRateIsRefusedBeforeAnyStepRuns() {
        assertThat(this.refusedExitCode).as("exit code; log:%n%s", this.refusedLog).isNotZero();
        assertThat(this.jobsAfterRefusal).as("job executions").isEqualTo(this.jobsAfterCrash);
        assertThat(this.stepsAfterRefusal).as("step executions").isEqualTo(this.stepsAfterCrash);
        assertThat(this.refusedLog).doesNotContain("Executing step").doesNotContain("training from scratch");
    }

    @Test
    void refusalNamesTheLearningRateWithTheRecordedAndTheNewValueAndHowToGoOn() {
        assertThat(this.refusedLog).contains("APPLICATION FAILED TO START")
            .contains("The unfinished run of job " + MlpJob.PIPELINE + " (job instance "
                    + this.jobsAfterCrash.get(0).instanceId() + "; last execution " + this.jobsAfterCrash.get(0).id()
                    + ", STARTED by a process that is gone) was started with another configuration than this start's:")
            .contains("    demon.learning-rate.initial: " + RECORDED_LEARNING_RATE + " when the run started, "
                    + OTHER_LEARNING_RATE + " now (\"demon.learning-rate.initial\" from property source "
                    + "\"commandLineArgs\")")
            .contains("    demon.learning-rate.initial=" + RECORDED_LEARNING_RATE)
            .contains("set demon.unfinished-run=abandon");
    }

    @Test
    void startWithTheOriginalConfigurationResumesTheKilledRunAndCompletes() throws Exception {
        assertThat(this.resumedExitCode).isZero();
        JobExecutionRow dead = this.jobsAfterCrash.get(0);
        assertThat(this.jobsAfterResume).extracting(JobExecutionRow::instanceId, JobExecutionRow::status)
            .containsExactly(tuple(dead.instanceId(), "FAILED"), tuple(dead.instanceId(), "COMPLETED"));
        long resumedId = this.jobsAfterResume.get(1).id();
        assertThat(this.stepsAfterResume).filteredOn(step -> step.jobExecutionId() == resumedId)
            .extracting(StepExecutionRow::stepName, StepExecutionRow::status)
            .containsExactly(tuple(MlpJob.PIPELINE + "-epoch-2", "COMPLETED"),
                    tuple(MlpJob.PROMOTION_STEP, "COMPLETED"));
        JsonNode report = this.refusedAndResumed.report();
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("updatesDone").asLong()).isEqualTo(EPOCHS * MlpJob.BATCHES_PER_EPOCH);
        assertThat(report.get("configuration").get("learningRate").floatValue())
            .isEqualTo(Float.parseFloat(RECORDED_LEARNING_RATE));
    }

    @Test
    void abandonMarksTheKilledRunAbandonedAndANewRunCompletesWithTheNewValue() {
        assertThat(this.abandoningExitCode).isZero();
        long deadInstance = this.jobsAfterCrash.get(0).instanceId();
        assertThat(this.jobsAfterAbandon).extracting(JobExecutionRow::status).containsExactly("ABANDONED", "COMPLETED");
        assertThat(this.jobsAfterAbandon.get(0).instanceId()).isEqualTo(deadInstance);
        // Another instance; its id is not deadInstance + 1: after a kill -9, H2 skips the
        // ids it had cached.
        assertThat(this.jobsAfterAbandon.get(1).instanceId()).isNotEqualTo(deadInstance);
        JsonNode report = this.abandoning.report();
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("history")).hasSize(EPOCHS);
        assertThat(report.get("updatesDone").asLong()).isEqualTo(EPOCHS * MlpJob.BATCHES_PER_EPOCH);
        assertThat(report.get("configuration").get("learningRate").floatValue())
            .isEqualTo(Float.parseFloat(OTHER_LEARNING_RATE));
    }

}
