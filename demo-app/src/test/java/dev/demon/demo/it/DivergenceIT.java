package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import dev.demon.demo.it.JobRepositoryFile.JobExecutionRow;
import dev.demon.demo.it.JobRepositoryFile.StepExecutionRow;
import dev.demon.spring.checkpoint.Checkpoint;
import dev.demon.spring.checkpoint.CheckpointStore;

/**
 * A learning rate far too high makes the loss NaN or infinite: the epoch's step fails
 * with a message saying in which step, epoch, batch and update training diverged, the job
 * ends FAILED with a non-zero exit code, and the checkpoint of the last finished epoch is
 * kept, intact.
 */
class DivergenceIT {

    private static final Pattern DIVERGED = Pattern.compile("Training of " + MlpJob.PIPELINE + " diverged in step "
            + MlpJob.PIPELINE + "-epoch-(\\d+) \\(epoch (\\d+) of (\\d+)\\): the loss of batch (\\d+) of (\\d+) is "
            + "(NaN|Infinity|-Infinity) at update (\\d+) of (\\d+); (.*)");

    @TempDir
    Path workDir;

    @Test
    void absurdLearningRateFailsTheFirstEpochAtItsSecondBatch() throws Exception {
        MlpJob job = MlpJob.keepingCheckpointsIn(this.workDir.resolve("checkpoints"))
            .with("demon.learning-rate.initial", "1e30");

        Matcher diverged = runToFailure(job);

        assertThat(diverged.group(1)).as("step").isEqualTo("1");
        assertThat(diverged.group(2)).as("epoch").isEqualTo("1");
        assertThat(diverged.group(3)).as("epochs").isEqualTo(Integer.toString(MlpJob.EPOCHS));
        assertThat(Long.parseLong(diverged.group(5))).as("batches").isEqualTo(MlpJob.BATCHES_PER_EPOCH);
        assertThat(Long.parseLong(diverged.group(8))).as("T").isEqualTo(MlpJob.TOTAL_UPDATES);
        // The first batch sees the initial weights. The update it makes with η = 1e30
        // moves them by
        // 1e30 × their gradient, so the second batch's logits overflow float range.
        long update = Long.parseLong(diverged.group(7));
        assertThat(update).isEqualTo(2);
        assertThat(diverged.group(4)).as("batch").isEqualTo("2");
        assertThat(diverged.group(9)).isEqualTo("no checkpoint had been written yet");

        JsonNode report = job.report();
        assertThat(report.get("status").asString()).isEqualTo("FAILED");
        assertThat(report.get("updatesDone").asLong()).as("updates applied").isEqualTo(update - 1);
        assertThat(report.get("history")).isEmpty();
        assertThat(Files.exists(job.checkpointDir().resolve(MlpJob.PIPELINE).resolve("run-1"))).as("checkpoints")
            .isFalse();
        failedInTheJobRepository(job, 1, diverged.group());
    }

    @Test
    void lossBlowingUpInALaterEpochKeepsTheCheckpointOfTheEpochBefore() throws Exception {
        // One-cycle warms the learning rate up from 5 / 25 to its peak 5 over the first
        // 30% of the
        // updates: far too high for this network, but only after the first epoch.
        int epochs = 10;
        int samples = 3000;
        long batches = (samples + MlpJob.BATCH_SIZE - 1) / MlpJob.BATCH_SIZE;
        MlpJob job = MlpJob.keepingCheckpointsIn(this.workDir.resolve("checkpoints"))
            .with("demon.epochs", Integer.toString(epochs))
            .with("demo.data.training-samples", Integer.toString(samples))
            .with("demon.learning-rate.schedule", "one-cycle")
            .with("demon.learning-rate.initial", "5");

        Matcher diverged = runToFailure(job);

        int epoch = Integer.parseInt(diverged.group(2));
        assertThat(epoch).as("the epoch that diverged, for this scenario to have a checkpoint to keep")
            .isGreaterThan(1);
        assertThat(diverged.group(1)).as("step").isEqualTo(Integer.toString(epoch));
        long batch = Long.parseLong(diverged.group(4));
        long update = Long.parseLong(diverged.group(7));
        assertThat(update).isEqualTo((epoch - 1) * batches + batch);
        assertThat(diverged.group(9)).isEqualTo("the checkpoint of epoch " + (epoch - 1) + " is kept");

        CheckpointStore checkpoints = job.checkpoints();
        Path newest = checkpoints.files().get(0);
        assertThat(newest.getFileName()).hasToString(String.format("epoch-%04d.g000001.ckpt", epoch - 1));
        // read() verifies the SHA-256 checksum: the file is whole.
        Checkpoint kept = checkpoints.read(newest);
        assertThat(kept.state().epoch()).isEqualTo(epoch - 1);
        assertThat(kept.state().updatesDone()).isEqualTo((epoch - 1) * batches);

        JsonNode report = job.report();
        assertThat(report.get("status").asString()).isEqualTo("FAILED");
        assertThat(report.get("updatesDone").asLong()).as("updates applied").isEqualTo(update - 1);
        assertThat(report.get("history")).hasSize(epoch - 1);
        failedInTheJobRepository(job, epoch, diverged.group());
    }

    /**
     * Runs the job, which must exit with a non-zero code.
     * @return the divergence message in its log, matched by {@link #DIVERGED}
     */
    private Matcher runToFailure(MlpJob job) throws IOException, InterruptedException {
        int exitCode = job.run(this.workDir);

        String log = Files.readString(DemoJar.log(this.workDir));
        assertThat(exitCode).as("exit code; log:%n%s", log).isNotZero();
        Matcher diverged = DIVERGED.matcher(log);
        assertThat(diverged.find()).as("divergence message in the log:%n%s", log).isTrue();
        return diverged;
    }

    /** The job execution FAILED, and so did the step of {@code epoch}, saying why. */
    private static void failedInTheJobRepository(MlpJob job, int epoch, String message) {
        JobRepositoryFile repository = JobRepositoryFile.in(job.checkpointDir());
        List<JobExecutionRow> jobs = repository.jobExecutions();
        assertThat(jobs).extracting(JobExecutionRow::status).containsExactly("FAILED");
        StepExecutionRow last = repository.stepExecutions().get(epoch - 1);
        assertThat(last.stepName()).isEqualTo(MlpJob.PIPELINE + "-epoch-" + epoch);
        assertThat(last.status()).isEqualTo("FAILED");
        assertThat(last.exitMessage()).contains(message);
    }

}
