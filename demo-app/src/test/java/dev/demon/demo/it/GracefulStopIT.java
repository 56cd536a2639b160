package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.demo.it.JobRepositoryFile.JobExecutionRow;
import dev.demon.demo.it.JobRepositoryFile.StepExecutionRow;

/**
 * SIGTERM a quarter into epoch 2 of the MLP job on its default H2 JobRepository: the
 * running batch finishes, a checkpoint is written after it, the epoch step and the job
 * end STOPPED and the process exits non-zero. The same command then resumes at the next
 * batch and ends bit for bit where {@link MlpJobRuns#uninterrupted()} ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulStopIT {

    private SigtermDuringEpochTwo run;

    private MlpJob job;

    private List<JobExecutionRow> jobs;

    private List<StepExecutionRow> steps;

    @BeforeAll
    void sigtermDuringEpochTwoThenRunTheSameCommandAgain(@TempDir Path workDir) throws Exception {
        this.job = MlpJob.keepingCheckpointsIn(workDir.resolve("checkpoints"));
        this.run = SigtermDuringEpochTwo.run(this.job, workDir);
        // What the user saw, for the record: not a timed assertion.
        System.out.printf("%s: SIGTERM after %d batches of epoch 2, exit %d after %.2f s%n", getClass().getSimpleName(),
                this.run.batchesAtStop(), this.run.stopExitCode(), this.run.stopSeconds());
        JobRepositoryFile repository = JobRepositoryFile.in(this.job.checkpointDir());
        this.jobs = repository.jobExecutions();
        this.steps = repository.stepExecutions();
    }

    @Test
    void sigtermEndsTheProcessNonZeroAfterACheckpointInsideEpochTwo() {
        // 128 + 15: the JVM ran its shutdown hooks, which stopped the job, and exited
        // for SIGTERM.
        assertThat(this.run.stopExitCode()).as("exit value; log:%n%s", this.run.stopLog()).isEqualTo(143);
        assertThat(this.run.batchesAtStop()).as("batches of epoch 2 trained")
            .isBetween(1L, MlpJob.BATCHES_PER_EPOCH - 1);
        assertThat(this.run.checkpointsAfterStop()).containsExactly(this.run.stopCheckpoint(),
                "epoch-0001.g000001.ckpt");
        assertThat(this.run.stopLog()).contains("fashion-mnist-mlp STOPPED: "
                + (MlpJob.BATCHES_PER_EPOCH + this.run.batchesAtStop()) + " of " + MlpJob.TOTAL_UPDATES + " updates");
    }

    @Test
    void stoppedExecutionAndItsEpochStepAreStopped() {
        JobExecutionRow stopped = this.jobs.get(0);
        assertThat(stopped.status()).isEqualTo("STOPPED");
        assertThat(this.steps).filteredOn(step -> step.jobExecutionId() == stopped.id())
            .extracting(StepExecutionRow::stepName, StepExecutionRow::status)
            .containsExactly(tuple(MlpJob.PIPELINE + "-epoch-1", "COMPLETED"),
                    tuple(MlpJob.PIPELINE + "-epoch-2", "STOPPED"));
    }

    @Test
    void sameCommandResumesAtTheNextBatchAndCompletes() {
        assertThat(this.run.resumedExitCode()).as("exit code; log:%n%s", this.run.resumedLog()).isZero();
        assertThat(this.run.resumedLog())
            .contains("resuming after batch " + this.run.batchesAtStop() + " of epoch 2 from")
            .doesNotContain(MlpJob.stepStarted(1));
        assertThat(this.jobs).extracting(JobExecutionRow::status).containsExactly("STOPPED", "COMPLETED");
    }

    @Test
    void resumedRunEndsBitForBitWhereAnUninterruptedRunEnds() throws Exception {
        MlpJob uninterrupted = MlpJobRuns.uninterrupted().job();
        assertThat(this.job.learningHistory()).containsExactlyElementsOf(uninterrupted.learningHistory());
        assertThat(this.job.latestParameters()).isEqualTo(uninterrupted.latestParameters());
    }

}
