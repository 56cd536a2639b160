package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.demo.it.JobRepositoryFile.JobExecutionRow;

/**
 * Starting the app a second time on the same {@code demon.checkpoint.dir} while the first
 * one still trains fails the second start and leaves the first run alone. The resuming
 * launcher takes a STARTED execution for one whose process died only once it holds the
 * job's lease; with the default H2 file a second process does not even get that far, as
 * it cannot open the JobRepository at all (H2 locks its file), so it can never mark a
 * live run FAILED and train over its checkpoints. {@link PostgresSecondInstanceIT} shows
 * the lease refusing a second process that shares a PostgreSQL JobRepository.
 */
class SecondInstanceIT {

    @TempDir
    Path workDir;

    @Test
    void secondStartOnTheSameFolderFailsAndTheFirstRunCompletes() throws Exception {
        int samples = 2000;
        MlpJob job = MlpJob.keepingCheckpointsIn(this.workDir.resolve("checkpoints"))
            .with("demo.data.training-samples", Integer.toString(samples));
        Path firstDir = Files.createDirectories(this.workDir.resolve("first"));
        Path secondDir = Files.createDirectories(this.workDir.resolve("second"));

        Process first = job.startUntilLogged(MlpJob.stepStarted(1), firstDir);
        try {
            // Suspended, the first run keeps everything it holds and cannot finish before
            // the second start
            // gets to the JobRepository, however slowly that JVM starts.
            Signals.send("STOP", first);
            int secondExit = job.run(secondDir);
            Signals.send("CONT", first);

            String secondLog = Files.readString(DemoJar.log(secondDir));
            assertThat(secondExit).as("exit code of the second start; log:%n%s", secondLog).isNotZero();
            assertThat(secondLog).contains("Database may be already in use")
                .contains(job.checkpointDir().resolve("batch.mv.db").toString())
                .doesNotContain("is still marked STARTED")
                .doesNotContain("Executing step");
            assertThat(first.isAlive()).as("first run still there").isTrue();

            // A bound against a hung JVM only, not a performance check.
            assertThat(first.waitFor(15, TimeUnit.MINUTES)).as("first run ended").isTrue();
            assertThat(first.exitValue())
                .as("exit code of the first run; log:%n%s", Files.readString(DemoJar.log(firstDir)))
                .isZero();
        }
        finally {
            first.destroyForcibly();
        }
        assertThat(JobRepositoryFile.in(job.checkpointDir()).jobExecutions()).extracting(JobExecutionRow::status)
            .containsExactly("COMPLETED");
        long batches = (samples + MlpJob.BATCH_SIZE - 1) / MlpJob.BATCH_SIZE;
        assertThat(job.report().get("updatesDone").asLong()).isEqualTo(MlpJob.EPOCHS * batches);
    }

}
