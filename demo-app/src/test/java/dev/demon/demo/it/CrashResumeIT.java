package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import dev.demon.demo.it.JobRepositoryFile.JobExecutionRow;
import dev.demon.demo.it.JobRepositoryFile.StepExecutionRow;
import dev.demon.schedule.DemonSchedule;
import dev.demon.schedule.MomentumSchedule;

/**
 * A user's training run is killed with {@code kill -9} during epoch 3 of 4 and started
 * again with the same command: the second run finds the execution the dead process left
 * STARTED, marks it FAILED and resumes it. Epochs 1 and 2 are not trained again, the
 * optimizer's update counter and β continue where the checkpoint of epoch 2 left them,
 * the job completes with exit code 0 and its report accounts for every update. With
 * {@link MlpJob}'s seed and thread count, the resumed run ends bit for bit where an
 * uninterrupted run ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashResumeIT {

    private static final Pattern RESUMED = Pattern
        .compile("resuming after epoch (\\d+) from .*: (\\d+) of T = (\\d+) updates done, \\S+ = (\\S+)");

    private final MomentumSchedule demon = new DemonSchedule(MlpJob.BETA_INIT);

    private MlpJobRuns.Run killed;

    private List<String> checkpointsAfterCrash;

    private List<JobExecutionRow> jobsAfterCrash;

    private List<StepExecutionRow> stepsAfterCrash;

    private MlpJob job;

    private int resumedExitCode;

    private String resumedLog;

    private List<JobExecutionRow> jobsAfterResume;

    private List<StepExecutionRow> stepsAfterResume;

    @BeforeAll
    void killDuringEpochThreeThenRunTheSameCommandAgain(@TempDir Path workDir) throws Exception {
        this.killed = MlpJobRuns.killedDuringEpochThree();
        this.job = MlpJobRuns.copyOfKilledRun(workDir.resolve("checkpoints"));
        this.checkpointsAfterCrash = this.job.checkpoints()
            .files()
            .stream()
            .map(file -> file.getFileName().toString())
            .toList();
        JobRepositoryFile repository = JobRepositoryFile.in(this.job.checkpointDir());
        this.jobsAfterCrash = repository.jobExecutions();
        this.stepsAfterCrash = repository.stepExecutions();

        Path resumeDir = Files.createDirectories(workDir.resolve("resume"));
        this.resumedExitCode = this.job.run(resumeDir);
        this.resumedLog = Files.readString(DemoJar.log(resumeDir));
        this.jobsAfterResume = repository.jobExecutions();
        this.stepsAfterResume = repository.stepExecutions();
    }

    @Test
    void sigkillEndsTheFirstRunWhileEpochThreeIsRunning() throws Exception {
        // 128 + 9: the JVM was ended by SIGKILL, with no chance to run a shutdown hook.
        assertThat(this.killed.exitCode()).as("exit value of the killed process").isEqualTo(137);
        assertThat(this.killed.log()).contains(MlpJob.stepStarted(3)).doesNotContain(MlpJob.stepStarted(4));
        assertThat(this.checkpointsAfterCrash).containsExactly("epoch-0002.g000001.ckpt", "epoch-0001.g000001.ckpt");
        assertThat(this.jobsAfterCrash).extracting(JobExecutionRow::status).containsExactly("STARTED");
        assertThat(this.stepsAfterCrash).extracting(StepExecutionRow::stepName, StepExecutionRow::status)
            .containsExactly(step(1, "COMPLETED"), step(2, "COMPLETED"), step(3, "STARTED"));
    }

    @Test
    void restartMarksTheStaleExecutionFailedAndResumesTheSameJobInstance() {
        JobExecutionRow dead = this.jobsAfterCrash.get(0);
        assertThat(this.resumedLog).contains("execution " + dead.id() + " is still marked STARTED");
        assertThat(this.jobsAfterResume).hasSize(2);
        JobExecutionRow recovered = this.jobsAfterResume.get(0);
        JobExecutionRow resumed = this.jobsAfterResume.get(1);
        assertThat(recovered.id()).isEqualTo(dead.id());
        assertThat(recovered.status()).isEqualTo("FAILED");
        assertThat(resumed.instanceId()).isEqualTo(dead.instanceId());
        assertThat(resumed.status()).isEqualTo("COMPLETED");
        assertThat(this.stepsAfterResume).filteredOn(step -> step.jobExecutionId() == dead.id())
            .extracting(StepExecutionRow::stepName, StepExecutionRow::status)
            .containsExactly(step(1, "COMPLETED"), step(2, "COMPLETED"), step(3, "FAILED"));
    }

    @Test
    void finishedEpochsAreNotTrainedAgain() {
        long resumedId = this.jobsAfterResume.get(1).id();
        assertThat(this.stepsAfterResume).filteredOn(step -> step.jobExecutionId() == resumedId)
            .extracting(StepExecutionRow::stepName, StepExecutionRow::status)
            .containsExactly(step(3, "COMPLETED"), step(4, "COMPLETED"), tuple(MlpJob.PROMOTION_STEP, "COMPLETED"));
        assertThat(this.resumedLog).doesNotContain(MlpJob.stepStarted(1))
            .doesNotContain(MlpJob.stepStarted(2))
            .doesNotContain("training epoch");
    }

    @Test
    void updateCounterAndMomentumContinueFromTheCheckpointOfEpochTwo() throws Exception {
        Matcher resumed = RESUMED.matcher(this.resumedLog);
        assertThat(resumed.find()).as("resume line in the log").isTrue();
        assertThat(resumed.group(1)).isEqualTo("2");
        assertThat(Long.parseLong(resumed.group(2))).isEqualTo(2 * MlpJob.BATCHES_PER_EPOCH);
        assertThat(Long.parseLong(resumed.group(3))).isEqualTo(MlpJob.TOTAL_UPDATES);
        // The β of the last update of epoch 2, the one with 0-based index 2 × 625 − 1.
        assertThat(Float.parseFloat(resumed.group(4))).isEqualTo(momentumAfter(2 * MlpJob.BATCHES_PER_EPOCH));

        JobRepositoryFile repository = JobRepositoryFile.in(this.job.checkpointDir());
        long resumedId = this.jobsAfterResume.get(1).id();
        for (StepExecutionRow step : this.stepsAfterResume) {
            if (step.jobExecutionId() == resumedId && !step.stepName().equals(MlpJob.PROMOTION_STEP)) {
                Map<String, Object> context = repository.stepContext(step.id());
                long epoch = ((Number) context.get("demon.epoch")).longValue();
                assertThat(context.get("demon.updates-done")).as("updates after epoch %d", epoch)
                    .isEqualTo(epoch * MlpJob.BATCHES_PER_EPOCH);
                assertThat(((Number) context.get("demon.momentum")).floatValue()).as("β after epoch %d", epoch)
                    .isEqualTo(momentumAfter(epoch * MlpJob.BATCHES_PER_EPOCH));
            }
        }
    }

    @Test
    void resumedJobCompletesWithExitCodeZeroAndReportsEveryUpdate() {
        assertThat(this.resumedExitCode).as("exit code; log:%n%s", this.resumedLog).isZero();
        JsonNode report = this.job.report();
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("epochs").asInt()).isEqualTo(MlpJob.EPOCHS);
        assertThat(report.get("totalUpdates").asLong()).isEqualTo(MlpJob.EPOCHS * MlpJob.BATCHES_PER_EPOCH);
        assertThat(report.get("updatesDone").asLong()).isEqualTo(MlpJob.TOTAL_UPDATES);
        assertThat(report.get("history").valueStream().map(epoch -> epoch.get("epoch").asInt())).containsExactly(1, 2,
                3, 4);
        assertThat(report.get("finalMomentum").floatValue()).isEqualTo(momentumAfter(MlpJob.TOTAL_UPDATES));
    }

    @Test
    void resumedRunEndsBitForBitWhereAnUninterruptedRunEnds() throws Exception {
        MlpJobRuns.Run uninterrupted = MlpJobRuns.uninterrupted();
        assertThat(uninterrupted.exitCode()).as("exit code of the uninterrupted run").isZero();

        assertThat(this.job.learningHistory()).as("report history but samples/s")
            .isEqualTo(uninterrupted.job().learningHistory());
        assertThat(this.job.latestParameters()).as("model parameters after epoch 4")
            .isEqualTo(uninterrupted.job().latestParameters());
    }

    /**
     * β of the update with 0-based index {@code updatesDone − 1}: the one the optimizer
     * reports after them.
     */
    private float momentumAfter(long updatesDone) {
        return this.demon.momentum(updatesDone - 1, MlpJob.TOTAL_UPDATES);
    }

    private static Tuple step(int epoch, String status) {
        return tuple(MlpJob.PIPELINE + "-epoch-" + epoch, status);
    }

}
