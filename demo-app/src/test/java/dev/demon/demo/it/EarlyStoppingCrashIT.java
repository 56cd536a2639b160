package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;

import dev.demon.demo.it.JobRepositoryFile.JobExecutionRow;
import dev.demon.demo.it.JobRepositoryFile.StepExecutionRow;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.checkpoint.EarlyStoppingState;

/**
 * {@link MlpJob} with early stopping in mode {@code stop}, a patience of 2 and a
 * min-delta no accuracy change can exceed: epoch 1 sets the best, epochs 2 and 3 do not
 * improve on it, and the check after epoch 3 decides to stop, so epoch 4 trains nothing.
 * The job is run once without interruption, and once killed with {@code kill -9} during
 * epoch 3, in the middle of the patience (the checkpoint of epoch 2 holds a wait of 1),
 * then started again with the same command. The resumed run decides what the
 * uninterrupted one decided and ends bit for bit where it ends: the checkpoint carried
 * the wait and the best value across the crash rather than starting them again.
 *
 * <p>
 * Over {@value #TRAINING_SAMPLES} training images ({@value #BATCHES_PER_EPOCH} updates an
 * epoch, still far longer than the test takes to kill the process once epoch 3 starts),
 * to keep the three starts cheap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EarlyStoppingCrashIT {

    private static final int TRAINING_SAMPLES = 8000;

    private static final long BATCHES_PER_EPOCH = MlpJob.totalUpdates(TRAINING_SAMPLES) / MlpJob.EPOCHS;

    private static final String MIN_DELTA = "1000.0";

    private MlpJobRuns.Run uninterrupted;

    private MlpJobRuns.Run killed;

    private List<String> checkpointsAfterCrash;

    private EarlyStoppingState earlyStoppingAfterCrash;

    private List<JobExecutionRow> uninterruptedJobs;

    private List<StepExecutionRow> uninterruptedSteps;

    private int resumedExitCode;

    private String resumedLog;

    private List<JobExecutionRow> resumedJobs;

    private List<StepExecutionRow> resumedSteps;

    @BeforeAll
    void runUninterruptedThenKillDuringEpochThreeAndRunTheSameCommandAgain() throws Exception {
        Path uninterruptedDir = MlpJobRuns.fresh("early-stopping-uninterrupted");
        MlpJob uninterruptedJob = earlyStoppingJob(uninterruptedDir.resolve("checkpoints"));
        this.uninterrupted = new MlpJobRuns.Run(uninterruptedJob, uninterruptedDir,
                uninterruptedJob.run(uninterruptedDir));
        JobRepositoryFile uninterruptedRepository = JobRepositoryFile.in(uninterruptedJob.checkpointDir());
        this.uninterruptedJobs = uninterruptedRepository.jobExecutions();
        this.uninterruptedSteps = uninterruptedRepository.stepExecutions();

        Path killedDir = MlpJobRuns.fresh("early-stopping-killed-during-epoch-3");
        MlpJob job = earlyStoppingJob(killedDir.resolve("checkpoints"));
        this.killed = new MlpJobRuns.Run(job, killedDir, job.killDuringEpoch(3, killedDir));
        CheckpointStore checkpoints = job.checkpoints();
        this.checkpointsAfterCrash = checkpoints.files().stream().map(file -> file.getFileName().toString()).toList();
        this.earlyStoppingAfterCrash = checkpoints.read(checkpoints.files().get(0)).state().earlyStopping();

        Path resumeDir = Files.createDirectories(killedDir.resolve("resume"));
        this.resumedExitCode = job.run(resumeDir);
        this.resumedLog = Files.readString(DemoJar.log(resumeDir));
        JobRepositoryFile repository = JobRepositoryFile.in(job.checkpointDir());
        this.resumedJobs = repository.jobExecutions();
        this.resumedSteps = repository.stepExecutions();
    }

    private static MlpJob earlyStoppingJob(Path checkpointDir) {
        return MlpJob.keepingCheckpointsIn(checkpointDir)
            .with("demo.data.training-samples", Integer.toString(TRAINING_SAMPLES))
            .with("demon.early-stopping.enabled", "true")
            .with("demon.early-stopping.mode", "stop")
            .with("demon.early-stopping.patience", "2")
            .with("demon.early-stopping.min-delta", MIN_DELTA);
    }

    @Test
    void uninterruptedRunStopsAfterEpochThreeOfFourAsDecidedByTheThirdCheck() throws Exception {
        assertThat(this.uninterrupted.exitCode()).as("exit code; log:%n%s", this.uninterrupted.log()).isZero();
        float best = validationAccuracyOfEpochOne(this.uninterrupted.job());
        JsonNode earlyStop = this.uninterrupted.job().report().get("earlyStop");
        assertThat(earlyStop.get("epoch").asInt()).isEqualTo(3);
        assertThat(earlyStop.get("decidedAfterEpoch").asInt()).isEqualTo(3);
        assertThat(earlyStop.get("reason").asString()).isEqualTo(reason(best));
        assertThat(earlyStop.get("mode").asString()).isEqualTo("stop");
        assertThat(earlyStop.get("monitor").asString()).isEqualTo("validation-accuracy");
        assertThat(earlyStop.get("best").floatValue()).isEqualTo(best);
        assertThat(earlyStop.get("bestEpoch").asInt()).isEqualTo(1);
        assertThat(earlyStop.get("stopUpdate").asLong()).isEqualTo(3 * BATCHES_PER_EPOCH);
        assertThat(earlyStop.get("endUpdate").asLong()).isEqualTo(3 * BATCHES_PER_EPOCH);
        assertThat(this.uninterruptedJobs).extracting(JobExecutionRow::status, JobExecutionRow::exitMessage)
            .containsExactly(tuple("COMPLETED", "Stopped early after epoch 3 of 4 (stop): " + reason(best)));
    }

    @Test
    void killEndsTheFirstRunDuringEpochThreeWithTheCheckpointOfEpochTwoWaitingOneEpoch() throws Exception {
        // 128 + 9: the JVM was ended by SIGKILL, with no chance to run a shutdown hook.
        assertThat(this.killed.exitCode()).as("exit value of the killed process").isEqualTo(137);
        assertThat(this.killed.log()).contains(MlpJob.stepStarted(3)).doesNotContain("stopping early");
        assertThat(this.checkpointsAfterCrash).containsExactly("epoch-0002.g000001.ckpt", "epoch-0001.g000001.ckpt");
        // Mid-patience: epoch 1 is the best, epoch 2 did not improve on it, nothing
        // decided.
        float best = validationAccuracyOfEpochOne(this.uninterrupted.job());
        assertThat(this.earlyStoppingAfterCrash).isEqualTo(new EarlyStoppingState(best, 1, 1, 0, null, 0, 0));
    }

    @Test
    void resumedRunCompletesWithTheExitDescriptionOfTheUninterruptedRun() {
        assertThat(this.resumedExitCode).as("exit code; log:%n%s", this.resumedLog).isZero();
        assertThat(this.resumedLog).doesNotContain(MlpJob.stepStarted(1)).doesNotContain(MlpJob.stepStarted(2));
        assertThat(this.resumedJobs).extracting(JobExecutionRow::status).containsExactly("FAILED", "COMPLETED");
        assertThat(this.resumedJobs.get(1).exitMessage()).startsWith("Stopped early after epoch 3 of 4 (stop): ")
            .isEqualTo(this.uninterruptedJobs.get(0).exitMessage());
    }

    @Test
    void epochFourTrainsNothingInEitherRun() {
        Tuple notTrained = tuple(MlpJob.PIPELINE + "-epoch-4", "COMPLETED", "NOOP",
                "Not trained: early stopping ended the run after epoch 3");
        assertThat(this.uninterruptedSteps).filteredOn(step -> step.stepName().equals(MlpJob.PIPELINE + "-epoch-4"))
            .extracting(StepExecutionRow::stepName, StepExecutionRow::status, StepExecutionRow::exitCode,
                    StepExecutionRow::exitMessage)
            .containsExactly(notTrained);
        long resumedId = this.resumedJobs.get(1).id();
        assertThat(this.resumedSteps).filteredOn(step -> step.jobExecutionId() == resumedId)
            .filteredOn(step -> step.stepName().startsWith(MlpJob.PIPELINE + "-epoch-"))
            .extracting(StepExecutionRow::stepName, StepExecutionRow::status, StepExecutionRow::exitCode,
                    StepExecutionRow::exitMessage)
            .containsExactly(tuple(MlpJob.PIPELINE + "-epoch-3", "COMPLETED", "COMPLETED", ""), notTrained);
        for (MlpJob job : List.of(this.uninterrupted.job(), this.killed.job())) {
            JsonNode report = job.report();
            assertThat(report.get("history").valueStream().map(epoch -> epoch.get("epoch").asInt())).containsExactly(1,
                    2, 3);
            assertThat(report.get("updatesDone").asLong()).isEqualTo(3 * BATCHES_PER_EPOCH);
            assertThat(report.get("totalUpdates").asLong()).isEqualTo(MlpJob.totalUpdates(TRAINING_SAMPLES));
        }
    }

    @Test
    void resumedRunReportsTheEarlyStopOfTheUninterruptedRun() {
        JsonNode resumed = this.killed.job().report();
        assertThat(resumed.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(resumed.get("earlyStop")).isEqualTo(this.uninterrupted.job().report().get("earlyStop"));
    }

    @Test
    void resumedRunEndsBitForBitWhereTheUninterruptedRunEnds() throws Exception {
        assertThat(this.killed.job().learningHistory()).as("report history but samples/s")
            .isEqualTo(this.uninterrupted.job().learningHistory());
        // The resumed process took the lease's second generation; the first one's
        // checkpoints went when the run completed.
        assertThat(newestCheckpoint(this.killed.job())).isEqualTo("epoch-0003.g000002.ckpt");
        assertThat(newestCheckpoint(this.uninterrupted.job())).isEqualTo("epoch-0003.g000001.ckpt");
        assertThat(this.killed.job().latestParameters()).as("model parameters after epoch 3")
            .isEqualTo(this.uninterrupted.job().latestParameters());
    }

    private static String reason(float best) {
        return "validation-accuracy did not improve by more than " + MIN_DELTA + " in 2 epochs; best " + best
                + " at epoch 1";
    }

    private static float validationAccuracyOfEpochOne(MlpJob job) {
        return job.report().get("history").get(0).get("validationAccuracy").floatValue();
    }

    private static String newestCheckpoint(MlpJob job) throws IOException {
        return job.checkpoints().files().get(0).getFileName().toString();
    }

}
