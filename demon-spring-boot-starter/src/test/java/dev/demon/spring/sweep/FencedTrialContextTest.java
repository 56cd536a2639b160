package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseHolder;
import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.remote.TrialClaim;
import dev.demon.spring.remote.TrialLeases;
import dev.demon.spring.workspace.Workspace;

/**
 * A worker whose trial lease is taken while it trains the trial (paused past the lease,
 * then resumed): a newer holder of the trial's lease, host {@code build-7} pid 1234,
 * stores a value in the trial's execution context, then the fenced worker's step ends.
 * The stored step execution is the newer holder's, its status, version and context: the
 * fenced worker's copy is not stored over it, and the fenced worker says so in one line.
 */
@ExtendWith(OutputCaptureExtension.class)
class FencedTrialContextTest {

    private static final LeaseHolder TAKER = new LeaseHolder("build-7", 1234, Instant.parse("2026-12-01T08:30:00Z"));

    @TempDir
    Path folder;

    private ConfigurableApplicationContext context;

    private JobRepository jobRepository;

    private volatile Integer newerVersion;

    @BeforeEach
    void runTheSweep() {
        context = SweepRun.run(folder, (initializer) -> {
        }, "--spring.batch.job.name=" + SweepRun.SWEEP, "--demon.sweeps.lr.pipeline=" + SweptRegression.NAME,
                "--demon.sweeps.lr.parameters.learning-rate.initial=0.01,0.02", "--demon.lease.time-to-live=3s");
        jobRepository = context.getBean(JobRepository.class);
    }

    @AfterEach
    void close() {
        SweptRegression.onEvaluation = evaluation -> {
        };
        context.close();
    }

    @Test
    void fencedTrialStepLeavesTheNewerHoldersContext() {
        StepExecution trial = trainUntilANewerWorkerTakesTheTrial();

        StepExecution stored = jobRepository.getStepExecution(trial.getId());
        // The newer worker's row stands: the fenced step wrote neither its status nor its
        // context over it.
        assertThat(stored.getStatus()).isEqualTo(BatchStatus.STARTED);
        assertThat(stored.getVersion()).isEqualTo(newerVersion);
        assertThat(stored.getExecutionContext().getString("newer-holder")).isEqualTo("generation 2");
    }

    @Test
    void fencedWorkerLogsOneErrorLineAndNoStackTrace(CapturedOutput output) {
        int before = output.getAll().length();

        trainUntilANewerWorkerTakesTheTrial();

        String log = output.getAll().substring(before);
        List<String> errors = log.lines().filter(line -> line.contains(" ERROR ")).toList();
        assertThat(errors).singleElement()
            .asString()
            .contains(
                    " : lr trial-0002: Job lr#1/trial-0002 is fenced: its lease was taken over by host build-7 pid 1234"
                            + " (generation 2; this process held generation 1).");
        // Neither Spring Batch's errors for updates the newer worker's row would reject
        // nor a stack trace.
        assertThat(log).doesNotContain("unknown state").doesNotContain("\tat ");
    }

    /**
     * Trains trial-0002 as a worker whose claim finds it left by a vanished worker; at
     * its fifth evaluation a newer worker takes the trial's lease and stores its context,
     * and the claim returns once the fenced step has ended.
     */
    private StepExecution trainUntilANewerWorkerTakesTheTrial() {
        StepExecution trial = SweepRun.leaveStartedByAVanishedWorker(context, "trial-0002");
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(context);
        TrialClaim claim = new TrialClaim(jobRepository, context.getBean(JobLeases.class),
                context.getBean(RunningExecutions.class), steps, context.getBean(Workspace.class), 3);
        int before = SweptRegression.trainings.get();
        SweptRegression.onEvaluation = evaluation -> {
            if (SweptRegression.trainings.get() == before + 1 && evaluation == 5) {
                Thread taker = new Thread(() -> takeTheTrialAndWriteItsContext(trial), "newer-holder");
                taker.start();
                try {
                    taker.join();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        claim.claim(new StepExecutionRequest(SweepRun.SWEEP + "-trial", trial.getId()));
        return trial;
    }

    /**
     * What a newer holder of the trial's lease does: takes the lease (the next
     * generation, then the lock's row), waits until the worker's renewal has found it
     * lost, and stores a value in the trial's context.
     */
    private void takeTheTrialAndWriteItsContext(StepExecution trial) {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        RunningExecutions executions = context.getBean(RunningExecutions.class);
        JobExecution running = executions.executions().get(0);
        Lease worker = executions.of(running).lease();
        String key = UUIDConverter.getUUID(TrialLeases.name(SweepRun.SWEEP,
                trial.getJobExecution().getJobInstance().getInstanceId(), TrialLeases.trialOf(trial.getStepName())))
            .toString();
        jdbc.update("UPDATE DEMON_LEASE SET GENERATION = GENERATION + 1, CLIENT_ID = ? WHERE LOCK_KEY = ?",
                TAKER.clientId(), key);
        jdbc.update("UPDATE DEMON_LOCK SET CLIENT_ID = ? WHERE LOCK_KEY = ?", TAKER.clientId(), key);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                worker.requireHeld();
                return false;
            }
            catch (LeaseLostException ex) {
                return true;
            }
        });
        // The newer worker's step starts (which raises the version), then stores its
        // context.
        StepExecution newer = jobRepository.getStepExecution(trial.getId());
        jobRepository.update(newer);
        newer.getExecutionContext().putString("newer-holder", "generation 2");
        jobRepository.updateExecutionContext(newer);
        newerVersion = jobRepository.getStepExecution(trial.getId()).getVersion();
    }

}
