package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.testing.LoopbackPostgres;

/**
 * Two processes train the same pipeline against one PostgreSQL JobRepository: the second
 * start, while the first trains, is refused naming the first (host, process id, since
 * when), and the first run completes untouched. Unlike an H2 file, PostgreSQL lets both
 * processes in: the job's lease is what keeps the second from taking the first's STARTED
 * execution for a dead one.
 */
class PostgresSecondInstanceIT {

    private static final int SAMPLES = 2000;

    /**
     * Longer than the second JVM can take to start on a loaded machine: the first run's
     * lease must not expire while it is suspended.
     */
    private static final String TIME_TO_LIVE = "10m";

    @TempDir
    Path workDir;

    @Test
    void secondStartIsRefusedNamingTheHolderAndTheFirstRunCompletes() throws Exception {
        try (LoopbackPostgres postgres = LoopbackPostgres.start()) {
            MlpJob job = MlpJob.keepingCheckpointsIn(this.workDir.resolve("checkpoints"))
                .with("demo.data.training-samples", Integer.toString(SAMPLES))
                .with("demon.lease.time-to-live", TIME_TO_LIVE)
                .withJobRepositoryIn(postgres);
            Path firstDir = Files.createDirectories(this.workDir.resolve("first"));
            Path secondDir = Files.createDirectories(this.workDir.resolve("second"));

            Process first = job.startUntilLogged(MlpJob.stepStarted(1), firstDir);
            try {
                String holder = (String) postgres.query("SELECT CLIENT_ID FROM DEMON_LOCK").get(0).get(0);
                String host = InetAddress.getLocalHost().getHostName();
                assertThat(holder).startsWith(host + " pid " + first.pid() + " since ");
                String since = holder.substring(holder.lastIndexOf(' ') + 1);

                // Suspended, the first run cannot finish before the second start reaches
                // the lease, however slowly that JVM starts; its lease outlives the pause
                // (TIME_TO_LIVE after its last renewal).
                Signals.send("STOP", first);
                int secondExit = job.run(secondDir);
                Signals.send("CONT", first);

                String secondLog = Files.readString(DemoJar.log(secondDir));
                assertThat(secondExit).as("exit code of the second start; log:%n%s", secondLog).isNotZero();
                assertThat(secondLog)
                    .contains("Job fashion-mnist-mlp is already running: process " + first.pid() + " on host " + host
                            + " holds its lease in the JobRepository since " + since
                            + ". This start left that run alone.")
                    .doesNotContain("is still marked STARTED")
                    .doesNotContain("Executing step");

                // A bound against a hung JVM only, not a performance check.
                assertThat(first.waitFor(15, TimeUnit.MINUTES)).as("first run ended").isTrue();
                assertThat(first.exitValue())
                    .as("exit code of the first run; log:%n%s", Files.readString(DemoJar.log(firstDir)))
                    .isZero();
            }
            finally {
                first.destroyForcibly();
            }
            assertThat(postgres.query("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID"))
                .containsExactly(List.of("COMPLETED"));
            assertThat(postgres.query("SELECT STEP_NAME, STATUS FROM BATCH_STEP_EXECUTION ORDER BY STEP_EXECUTION_ID"))
                .containsExactly(step(1), step(2), step(3), step(4), List.of(MlpJob.PROMOTION_STEP, "COMPLETED"));
            assertThat(postgres.query("SELECT CLIENT_ID FROM DEMON_LOCK")).as("leases after the run").isEmpty();
            long batches = (SAMPLES + MlpJob.BATCH_SIZE - 1) / MlpJob.BATCH_SIZE;
            assertThat(job.report().get("updatesDone").asLong()).isEqualTo(MlpJob.EPOCHS * batches);
        }
    }

    private static List<Object> step(int epoch) {
        return List.of(MlpJob.PIPELINE + "-epoch-" + epoch, "COMPLETED");
    }

}
