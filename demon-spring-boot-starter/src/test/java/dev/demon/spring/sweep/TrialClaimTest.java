package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.JdbcJobLeases;
import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseHolder;
import dev.demon.spring.remote.TrialClaim;
import dev.demon.spring.remote.TrialLeases;
import dev.demon.spring.workspace.Workspace;

/**
 * A worker's claim in front of Spring Batch's request handler, on the two trials of a
 * sweep that ran to its end in this process: a request for a COMPLETED trial, delivered
 * again, trains nothing; a trial whose lease another live worker holds is skipped; a
 * trial left STARTED by a vanished worker is trained again, from its checkpoint, as
 * attempt 2; and one started {@code max-attempts} times ends FAILED with the reason.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrialClaimTest {

    private static final int MAX_ATTEMPTS = 3;

    @TempDir
    Path folder;

    private ConfigurableApplicationContext context;

    private JobRepository jobRepository;

    private TrialClaim claim;

    @BeforeEach
    void runTheSweep() {
        context = SweepRun.run(folder, (initializer) -> {
        }, "--spring.batch.job.name=" + SweepRun.SWEEP, "--demon.sweeps.lr.pipeline=" + SweptRegression.NAME,
                "--demon.sweeps.lr.parameters.learning-rate.initial=0.01,0.02");
        jobRepository = context.getBean(JobRepository.class);
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(context);
        claim = new TrialClaim(jobRepository, context.getBean(JobLeases.class),
                context.getBean(RunningExecutions.class), steps, context.getBean(Workspace.class), MAX_ATTEMPTS);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void aCompletedTrialDeliveredAgainIsNotTrainedAgain() {
        StepExecution trial = trial("trial-0001");
        int trainings = SweptRegression.trainings.get();

        assertThat(claim.claim(request(trial))).isEqualTo(TrialClaim.Outcome.COMPLETED);

        assertThat(SweptRegression.trainings.get()).isEqualTo(trainings);
        assertThat(stored(trial).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(progress(trial).attempts()).isEqualTo(1);
    }

    @Test
    void aTrialWhoseLeaseAnotherLiveWorkerHoldsIsSkipped() {
        StepExecution trial = leftStartedByAVanishedWorker("trial-0002");
        JobLeases otherWorker = new JdbcJobLeases(context.getBean(DataSource.class),
                new LeaseHolder("other-host", 4242, Instant.now()), Duration.ofSeconds(30), Duration.ofSeconds(5));
        int trainings = SweptRegression.trainings.get();
        try (Lease held = otherWorker.acquire(leaseOf(trial))) {

            assertThat(claim.claim(request(trial))).isEqualTo(TrialClaim.Outcome.HELD);
        }

        assertThat(SweptRegression.trainings.get()).isEqualTo(trainings);
        assertThat(stored(trial).getStatus()).isEqualTo(BatchStatus.STARTED);
    }

    @Test
    void aTrialLeftStartedByAVanishedWorkerIsTrainedAgainAsItsNextAttempt() {
        List<Double> uninterrupted = progress(trial("trial-0002")).objectives();
        StepExecution trial = leftStartedByAVanishedWorker("trial-0002");
        int trainings = SweptRegression.trainings.get();

        assertThat(claim.claim(request(trial))).isEqualTo(TrialClaim.Outcome.TRAINED);

        assertThat(SweptRegression.trainings.get()).isEqualTo(trainings + 1);
        assertThat(stored(trial).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(progress(trial).attempts()).isEqualTo(2);
        // Epoch 3 again from the checkpoint of epoch 2: the figure of the first attempt.
        assertThat(progress(trial).objectives()).containsExactlyElementsOf(uninterrupted);
    }

    @Test
    void aTrialWhoseCheckpointsAreOnAnotherHostStartsAgainWithOneWarning(CapturedOutput output) throws Exception {
        List<Double> uninterrupted = progress(trial("trial-0002")).objectives();
        StepExecution trial = leftStartedByAVanishedWorker("trial-0002");
        new TrialProgress("trial-0002", progress(trial).parameters(), progress(trial).configuration(),
                progress(trial).objectives(), progress(trial).validationLosses(), 1, progress(trial).updatesDone(),
                progress(trial).seconds(), "other-host")
            .writeTo(trial.getExecutionContext());
        jobRepository.updateExecutionContext(trial);
        Path trialFolder = context.getBean(Workspace.class)
            .sweep(SweepRun.SWEEP)
            .trial(trial.getJobExecution().getJobInstance().getInstanceId(), "trial-0002");
        new CheckpointStore(trialFolder).clear();

        assertThat(claim.claim(request(trial))).isEqualTo(TrialClaim.Outcome.TRAINED);

        assertThat(output.getOut().lines().filter(line -> line.contains(" WARN ") && line.contains("TrialClaim")))
            .singleElement()
            .asString()
            .endsWith("lr trial-0002: its 2 finished epochs were trained on host other-host, whose " + trialFolder
                    + " holds their checkpoints; this host has none there, so the trial starts again from epoch 1 "
                    + "(share demon.checkpoint.dir to resume it anywhere)");
        assertThat(progress(trial).attempts()).isEqualTo(2);
        // All three epochs again, seeded as the first attempt.
        assertThat(progress(trial).objectives()).containsExactlyElementsOf(uninterrupted);
    }

    @Test
    void aTrialStartedMaxAttemptsTimesEndsFailedWithTheReason() {
        StepExecution trial = leftStartedByAVanishedWorker("trial-0002");
        for (int attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
            trial = stored(trial);
            new TrialProgress("trial-0002", progress(trial).parameters(), progress(trial).configuration(),
                    progress(trial).objectives(), progress(trial).validationLosses(), attempt,
                    progress(trial).updatesDone(), progress(trial).seconds(), "other-host")
                .writeTo(trial.getExecutionContext());
            jobRepository.updateExecutionContext(trial);
        }
        int trainings = SweptRegression.trainings.get();

        assertThat(claim.claim(request(trial))).isEqualTo(TrialClaim.Outcome.FAILED);

        assertThat(SweptRegression.trainings.get()).isEqualTo(trainings);
        StepExecution failed = stored(trial);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getExitStatus().getExitDescription())
            .isEqualTo("trial-0002 of sweep lr was started 3 times in this execution (demon.remote.max-attempts = 3) "
                    + "and never ended; its last attempt ran on other-host");
    }

    /**
     * Puts a completed trial back as a worker leaves it when it is killed in epoch 3
     * after claiming it: STARTED, two epochs finished (their checkpoints are the newest
     * two), its first attempt recorded in this execution.
     */
    private StepExecution leftStartedByAVanishedWorker(String key) {
        StepExecution trial = trial(key);
        TrialProgress completed = progress(trial);
        new TrialProgress(key, completed.parameters(), completed.configuration(), completed.objectives().subList(0, 2),
                completed.validationLosses().subList(0, 2), 1, completed.updatesDone() * 2 / 3, completed.seconds(),
                completed.host())
            .writeTo(trial.getExecutionContext());
        trial.getExecutionContext().putLong("demon.remote.step-execution", trial.getId());
        trial.getExecutionContext().putInt("demon.remote.attempts-before", 0);
        jobRepository.updateExecutionContext(trial);
        trial.setStatus(BatchStatus.STARTED);
        trial.setEndTime(null);
        jobRepository.update(trial);
        return stored(trial);
    }

    private StepExecution trial(String key) {
        return SweepRun.of(context, 0).trials().get(key);
    }

    private StepExecution stored(StepExecution trial) {
        return jobRepository.getStepExecution(trial.getId());
    }

    private TrialProgress progress(StepExecution trial) {
        StepExecution stored = stored(trial);
        return TrialProgress.readFrom(TrialLeases.trialOf(stored.getStepName()), stored.getExecutionContext());
    }

    private static StepExecutionRequest request(StepExecution trial) {
        return new StepExecutionRequest(SweepRun.SWEEP + "-trial", trial.getId());
    }

    private static String leaseOf(StepExecution trial) {
        return TrialLeases.name(SweepRun.SWEEP, trial.getJobExecution().getJobInstance().getInstanceId(),
                TrialLeases.trialOf(trial.getStepName()));
    }

}
