package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.testing.LoopbackPostgres;

/**
 * The PostgreSQL server of the JobRepository is stopped for 20 s while a run trains its
 * second epoch, then started again, as an administrator's restart or a fail-over does:
 * the run rides through. Training waits for the database at its next look at it (a stop
 * request, the lease), the connection pool waits for the server (30 s by default), the
 * lease outlives the gap (30 s time to live), and the run completes in one execution with
 * every update.
 */
class PostgresRestartIT {

    private static final int SAMPLES = 8000;

    private static final long OUTAGE_SECONDS = 20;

    @TempDir
    Path workDir;

    @Test
    void runRidesThroughATwentySecondDatabaseRestartMidEpoch() throws Exception {
        try (LoopbackPostgres postgres = LoopbackPostgres.start()) {
            MlpJob job = MlpJob.keepingCheckpointsIn(this.workDir.resolve("checkpoints"))
                .with("demo.data.training-samples", Integer.toString(SAMPLES))
                .withJobRepositoryIn(postgres);
            Path runDir = Files.createDirectories(this.workDir.resolve("run"));

            Process run = job.startUntilLogged(MlpJob.stepStarted(2), runDir);
            try {
                postgres.stopServer();
                assertThat(run.isAlive()).as("still training when the server stopped").isTrue();
                Thread.sleep(TimeUnit.SECONDS.toMillis(OUTAGE_SECONDS));
                postgres.startServer();

                // A bound against a hung JVM only, not a performance check.
                assertThat(run.waitFor(15, TimeUnit.MINUTES)).as("run exited").isTrue();
                String log = Files.readString(DemoJar.log(runDir));
                assertThat(run.exitValue()).as("exit code; log:%n%s", log).isZero();
                assertThat(log).doesNotContain("fenced");
            }
            finally {
                run.destroyForcibly();
            }
            assertThat(postgres.query("SELECT STATUS FROM BATCH_JOB_EXECUTION")).containsExactly(List.of("COMPLETED"));
            long updates = MlpJob.totalUpdates(SAMPLES);
            assertThat(job.report().get("status").asString()).isEqualTo("COMPLETED");
            assertThat(job.report().get("stepsDone").asLong()).isEqualTo(updates);
            assertThat(job.report().get("history").valueStream().map(epoch -> epoch.get("epoch").asInt()))
                .containsExactly(1, 2, 3, 4);
        }
    }

}
