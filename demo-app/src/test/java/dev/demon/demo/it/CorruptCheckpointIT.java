package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newest checkpoint of a job that did not finish is damaged before the job is run
 * again, as a disk that lost its last write or a file cut short by hand would leave it:
 * the starter detects the damage by the file's SHA-256 checksum, says so in the log,
 * resumes from the checkpoint before, trains the epoch whose checkpoint was lost again
 * and completes the job. With {@link MlpJob}'s seed the epoch trained again is the lost
 * one, bit for bit, so the job ends where an uninterrupted run ends.
 */
class CorruptCheckpointIT {

    private static final String LATEST = "epoch-0002.g000001.ckpt";

    @TempDir
    Path workDir;

    @Test
    void truncatedLatestCheckpointIsReportedAndThePreviousOneUsed() throws Exception {
        MlpJob job = MlpJobRuns.copyOfKilledRun(this.workDir.resolve("checkpoints"));
        Path latest = job.checkpoints().getFolder().resolve(LATEST);
        byte[] bytes = Files.readAllBytes(latest);
        Files.write(latest, Arrays.copyOf(bytes, bytes.length / 2));

        resumesFromTheCheckpointBefore(job, latest);
    }

    @Test
    void latestCheckpointWithOneAlteredByteIsReportedAndThePreviousOneUsed() throws Exception {
        MlpJob job = MlpJobRuns.copyOfKilledRun(this.workDir.resolve("checkpoints"));
        Path latest = job.checkpoints().getFolder().resolve(LATEST);
        byte[] bytes = Files.readAllBytes(latest);
        // A byte in the middle of the parameters, the part no structural check would
        // notice.
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(latest, bytes);

        resumesFromTheCheckpointBefore(job, latest);
    }

    private void resumesFromTheCheckpointBefore(MlpJob job, Path corrupt) throws Exception {
        Path resumeDir = Files.createDirectories(this.workDir.resolve("resume"));
        int exitCode = job.run(resumeDir);

        String log = Files.readString(DemoJar.log(resumeDir));
        assertThat(exitCode).as("exit code; log:%n%s", log).isZero();
        assertThat(log).contains("Checkpoint " + corrupt + " is corrupt: SHA-256 checksum mismatch")
            .contains("falling back to the previous checkpoint")
            .contains("resuming after epoch 1 from")
            .contains("training epoch 2 again in step " + MlpJob.PIPELINE + "-epoch-3");
        assertThat(job.report().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.report().get("updatesDone").asLong()).isEqualTo(MlpJob.TOTAL_UPDATES);

        MlpJobRuns.Run uninterrupted = MlpJobRuns.uninterrupted();
        assertThat(job.learningHistory()).as("report history but samples/s")
            .isEqualTo(uninterrupted.job().learningHistory());
        assertThat(job.latestParameters()).as("model parameters after epoch 4")
            .isEqualTo(uninterrupted.job().latestParameters());
    }

}
