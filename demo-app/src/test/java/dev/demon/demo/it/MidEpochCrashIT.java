package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.demo.it.JobRepositoryFile.JobExecutionRow;

/**
 * With {@code demon.checkpoint.interval=250ms}, the MLP job writes checkpoints inside its
 * epochs; killed with {@code kill -9} once one exists inside epoch 2, the same command
 * resumes from it rather than from the start of epoch 2, and ends bit for bit where
 * {@link MlpJobRuns#uninterrupted()} ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MidEpochCrashIT {

    private static final Pattern RESUMED = Pattern
        .compile("resuming after batch (\\d+) of epoch (\\d+) from .*: (\\d+) of T = " + MlpJob.TOTAL_UPDATES);

    private static final Pattern IN_EPOCH_TWO = Pattern.compile("epoch-0002-batch-\\d{6}\\.g000001\\.ckpt");

    private MlpJob job;

    private int killedExitCode;

    private List<String> checkpointsAfterKill;

    private List<JobExecutionRow> jobsAfterKill;

    private int resumedExitCode;

    private String resumedLog;

    @BeforeAll
    void killOnceACheckpointInsideEpochTwoExistsThenRunAgain(@TempDir Path workDir) throws Exception {
        this.job = MlpJob.keepingCheckpointsIn(workDir.resolve("checkpoints"))
            .with("demon.checkpoint.interval", "250ms");
        Path killedDir = Files.createDirectories(workDir.resolve("killed"));
        Process process = this.job.startUntilLogged(MlpJob.stepStarted(2), killedDir);
        try {
            while (this.job.checkpoints()
                .files()
                .stream()
                .noneMatch(file -> IN_EPOCH_TWO.matcher(file.getFileName().toString()).matches())) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The demo exited before a checkpoint inside epoch 2");
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
            process.destroyForcibly();
            this.killedExitCode = process.waitFor();
        }
        finally {
            process.destroyForcibly();
        }
        this.checkpointsAfterKill = this.job.checkpoints()
            .files()
            .stream()
            .map(file -> file.getFileName().toString())
            .toList();
        this.jobsAfterKill = JobRepositoryFile.in(this.job.checkpointDir()).jobExecutions();
        Path resumeDir = Files.createDirectories(workDir.resolve("resumed"));
        this.resumedExitCode = this.job.run(resumeDir);
        this.resumedLog = Files.readString(DemoJar.log(resumeDir));
    }

    @Test
    void sigkillLeavesCheckpointsInsideEpochTwoAndTheExecutionStarted() {
        // 128 + 9.
        assertThat(this.killedExitCode).isEqualTo(137);
        assertThat(this.checkpointsAfterKill.get(0)).matches(IN_EPOCH_TWO);
        assertThat(this.jobsAfterKill).extracting(JobExecutionRow::status).containsExactly("STARTED");
    }

    @Test
    void sameCommandResumesInsideEpochTwoRedoingLessThanAnEpoch() {
        assertThat(this.resumedExitCode).as("exit code; log:%n%s", this.resumedLog).isZero();
        Matcher resumed = RESUMED.matcher(this.resumedLog);
        assertThat(resumed.find()).as("resume line in:%n%s", this.resumedLog).isTrue();
        long batches = Long.parseLong(resumed.group(1));
        assertThat(resumed.group(2)).isEqualTo("2");
        assertThat(batches).isBetween(1L, MlpJob.BATCHES_PER_EPOCH - 1);
        assertThat(Long.parseLong(resumed.group(3))).isEqualTo(MlpJob.BATCHES_PER_EPOCH + batches);
        assertThat(this.resumedLog).doesNotContain(MlpJob.stepStarted(1));
    }

    @Test
    void resumedRunEndsBitForBitWhereAnUninterruptedRunEnds() throws Exception {
        MlpJob uninterrupted = MlpJobRuns.uninterrupted().job();
        assertThat(this.job.learningHistory()).containsExactlyElementsOf(uninterrupted.learningHistory());
        assertThat(this.job.latestParameters()).isEqualTo(uninterrupted.latestParameters());
    }

}
