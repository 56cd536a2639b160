package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.testing.LoopbackPostgres;

/**
 * A run on a PostgreSQL JobRepository is killed with {@code kill -9} during epoch 3 and
 * started again on the same host: the dead process's lease is taken over at once, without
 * waiting for it to expire, and its STARTED execution is recovered and resumed from the
 * checkpoint of epoch 2, training epochs 3 and 4 only.
 */
class PostgresCrashResumeIT {

    private static final int SAMPLES = 8000;

    /**
     * Far longer than the test: a takeover can only be the one of a dead process's lease,
     * however slowly the second JVM starts.
     */
    private static final String TIME_TO_LIVE = "10m";

    @TempDir
    Path workDir;

    @Test
    void restartAfterKillTakesTheDeadProcesssLeaseAtOnceAndResumesAfterEpochTwo() throws Exception {
        try (LoopbackPostgres postgres = LoopbackPostgres.start()) {
            MlpJob job = MlpJob.keepingCheckpointsIn(this.workDir.resolve("checkpoints"))
                .with("demo.data.training-samples", Integer.toString(SAMPLES))
                .with("demon.lease.time-to-live", TIME_TO_LIVE)
                .withJobRepositoryIn(postgres);
            Path killedDir = Files.createDirectories(this.workDir.resolve("killed"));
            Path resumeDir = Files.createDirectories(this.workDir.resolve("resume"));

            // 128 + 9: ended by SIGKILL, with no chance to release its lease.
            assertThat(job.killDuringEpoch(3, killedDir)).as("exit value of the killed process").isEqualTo(137);
            List<List<Object>> leases = postgres.query("SELECT CLIENT_ID FROM DEMON_LOCK");
            assertThat(leases).as("leases left by the killed process").hasSize(1);
            String killedHolder = (String) leases.get(0).get(0);
            String killedPid = killedHolder.split(" pid ")[1].split(" ")[0];
            long deadExecution = ((Number) postgres.query("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION")
                .get(0)
                .get(0)).longValue();

            int exitCode = job.run(resumeDir);

            String log = Files.readString(DemoJar.log(resumeDir));
            assertThat(exitCode).as("exit code; log:%n%s", log).isZero();
            assertThat(log)
                .contains("Job fashion-mnist-mlp: the lease of process " + killedPid
                        + " on this host is taken over, as that process is gone")
                .contains("execution " + deadExecution + " is still marked STARTED")
                .doesNotContain(MlpJob.stepStarted(1))
                .doesNotContain(MlpJob.stepStarted(2));
            assertThat(postgres.query("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID"))
                .containsExactly(List.of("FAILED"), List.of("COMPLETED"));
            assertThat(postgres.query("SELECT STEP_NAME, STATUS FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID <> "
                    + deadExecution + " ORDER BY STEP_EXECUTION_ID"))
                .containsExactly(step(3), step(4), List.of(MlpJob.PROMOTION_STEP, "COMPLETED"));
            assertThat(job.report().get("history").valueStream().map(epoch -> epoch.get("epoch").asInt()))
                .containsExactly(1, 2, 3, 4);
        }
    }

    private static List<Object> step(int epoch) {
        return List.of(MlpJob.PIPELINE + "-epoch-" + epoch, "COMPLETED");
    }

}
