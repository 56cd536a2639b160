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
 * A holder frozen past its lease's time to live (here SIGSTOP, in production a GC pause,
 * a suspended VM or a partition from the database) wakes up after another process took
 * its run over, on a shared PostgreSQL JobRepository and a shared checkpoint folder: the
 * woken process trains no further epoch and writes nothing, it exits non-zero within
 * seconds, logging one ERROR line and no stack trace, and the process that took over
 * completes the run alone.
 */
class PostgresFencingIT {

    private static final int SAMPLES = 8000;

    /** Short, so that the test waits little for the lease to expire. */
    private static final int TIME_TO_LIVE_SECONDS = 4;

    @TempDir
    Path workDir;

    @Test
    void frozenHolderWakingAfterATakeoverStopsWithoutWritingAndTheTakerCompletesTheRun() throws Exception {
        try (LoopbackPostgres postgres = LoopbackPostgres.start()) {
            MlpJob job = MlpJob.keepingCheckpointsIn(this.workDir.resolve("checkpoints"))
                .with("demo.data.training-samples", Integer.toString(SAMPLES))
                .with("demon.lease.time-to-live", TIME_TO_LIVE_SECONDS + "s")
                .withJobRepositoryIn(postgres);
            Path frozenDir = Files.createDirectories(this.workDir.resolve("frozen"));
            Path takerDir = Files.createDirectories(this.workDir.resolve("taker"));

            Process frozen = job.startUntilLogged(MlpJob.stepStarted(2), frozenDir);
            Process taker = null;
            try {
                Signals.send("STOP", frozen);
                Thread.sleep(TimeUnit.SECONDS.toMillis(TIME_TO_LIVE_SECONDS + 1));
                taker = job.startUntilLogged(MlpJob.stepStarted(2), takerDir);
                Signals.send("CONT", frozen);

                // A bound against a hung JVM only: the woken process stops at its next
                // batch boundary.
                assertThat(frozen.waitFor(60, TimeUnit.SECONDS)).as("woken process exited").isTrue();
                String frozenLog = Files.readString(DemoJar.log(frozenDir));
                assertThat(frozen.exitValue()).as("exit code of the woken process; log:%n%s", frozenLog).isNotZero();
                assertThat(frozenLog.lines().filter(line -> line.contains(" ERROR ")))
                    .as("ERROR lines of the woken process")
                    .singleElement()
                    .asString()
                    .contains("ends FAILED without its report or models: Job fashion-mnist-mlp is fenced: its lease "
                            + "was taken over by host ");
                assertThat(frozenLog).doesNotContain("unknown state")
                    .doesNotContainPattern("\\tat ")
                    .doesNotContain("fashion-mnist-mlp epoch 2/4")
                    .doesNotContain(MlpJob.stepStarted(3));

                assertThat(taker.waitFor(15, TimeUnit.MINUTES)).as("taker exited").isTrue();
                String takerLog = Files.readString(DemoJar.log(takerDir));
                assertThat(taker.exitValue()).as("exit code of the taker; log:%n%s", takerLog).isZero();
                assertThat(takerLog).contains("lease taken by").contains("generation 2").doesNotContain("fenced");
            }
            finally {
                frozen.destroyForcibly();
                if (taker != null) {
                    taker.destroyForcibly();
                }
            }
            assertThat(postgres.query("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID"))
                .containsExactly(List.of("FAILED"), List.of("COMPLETED"));
            assertThat(postgres.query("SELECT GENERATION FROM DEMON_LEASE")).containsExactly(List.of(2L));
            long updates = MlpJob.totalUpdates(SAMPLES);
            assertThat(job.report().get("status").asString()).isEqualTo("COMPLETED");
            assertThat(job.report().get("stepsDone").asLong()).isEqualTo(updates);
            assertThat(job.report().get("generation").asLong()).isEqualTo(2);
            assertThat(job.report().get("history").valueStream().map(epoch -> epoch.get("epoch").asInt()))
                .containsExactly(1, 2, 3, 4);
        }
    }

}
