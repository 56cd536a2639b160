package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.testing.LoopbackPostgres;

/**
 * SIGTERM a quarter into epoch 2 of the MLP job on a PostgreSQL JobRepository: the
 * execution and its step end STOPPED in the shared database, the lease is released, and
 * the same command resumes at the next batch, ending where an uninterrupted run ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresGracefulStopIT {

    private LoopbackPostgres postgres;

    private SigtermDuringEpochTwo run;

    private MlpJob job;

    private List<List<Object>> leasesAfterResume;

    @BeforeAll
    void sigtermDuringEpochTwoThenRunTheSameCommandAgain(@TempDir Path workDir) throws Exception {
        this.postgres = LoopbackPostgres.start();
        this.job = MlpJob.keepingCheckpointsIn(workDir.resolve("checkpoints")).withJobRepositoryIn(this.postgres);
        this.run = SigtermDuringEpochTwo.run(this.job, workDir);
        // What the user saw, for the record: not a timed assertion.
        System.out.printf("%s: SIGTERM after %d batches of epoch 2, exit %d after %.2f s%n", getClass().getSimpleName(),
                this.run.batchesAtStop(), this.run.stopExitCode(), this.run.stopSeconds());
        this.leasesAfterResume = this.postgres.query("SELECT CLIENT_ID FROM DEMON_LOCK");
    }

    @AfterAll
    void stopPostgres() throws Exception {
        if (this.postgres != null) {
            this.postgres.close();
        }
    }

    @Test
    void sigtermStopsTheExecutionAndItsStepInTheSharedDatabase() throws Exception {
        assertThat(this.run.stopExitCode()).as("exit value; log:%n%s", this.run.stopLog()).isEqualTo(143);
        assertThat(this.run.checkpointsAfterStop()).first().isEqualTo(this.run.stopCheckpoint());
        assertThat(this.postgres.query("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID"))
            .containsExactly(List.of("STOPPED"), List.of("COMPLETED"));
        assertThat(this.postgres.query("SELECT STEP_NAME, STATUS FROM BATCH_STEP_EXECUTION ORDER BY STEP_EXECUTION_ID"))
            .containsExactly(List.of(MlpJob.PIPELINE + "-epoch-1", "COMPLETED"),
                    List.of(MlpJob.PIPELINE + "-epoch-2", "STOPPED"),
                    List.of(MlpJob.PIPELINE + "-epoch-2", "COMPLETED"),
                    List.of(MlpJob.PIPELINE + "-epoch-3", "COMPLETED"),
                    List.of(MlpJob.PIPELINE + "-epoch-4", "COMPLETED"), List.of(MlpJob.PROMOTION_STEP, "COMPLETED"));
    }

    @Test
    void stoppedProcessReleasedItsLeaseSoTheNextStartWaitsForNothing() {
        assertThat(this.run.resumedLog()).doesNotContain("taken over");
        assertThat(this.leasesAfterResume).isEmpty();
    }

    @Test
    void sameCommandResumesAtTheNextBatchAndEndsWhereAnUninterruptedRunEnds() throws Exception {
        assertThat(this.run.resumedExitCode()).as("exit code; log:%n%s", this.run.resumedLog()).isZero();
        assertThat(this.run.resumedLog()).contains("resuming after batch " + this.run.batchesAtStop() + " of epoch 2");
        MlpJob uninterrupted = MlpJobRuns.uninterrupted().job();
        assertThat(this.job.learningHistory()).containsExactlyElementsOf(uninterrupted.learningHistory());
        assertThat(this.job.latestParameters()).isEqualTo(uninterrupted.latestParameters());
    }

}
