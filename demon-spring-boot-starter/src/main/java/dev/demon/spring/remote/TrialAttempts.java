package dev.demon.spring.remote;

import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.demon.spring.sweep.TrialProgress;
import dev.demon.spring.sweep.TrialTasklet;

/**
 * How many times a trial has started training within its current partition execution, the
 * count that {@code demon.remote.max-attempts} bounds. The trial's
 * {@link TrialProgress#attempts()} counts every start over all executions of the sweep (a
 * restarted sweep copies it into the trial's new partition), so the partition's context
 * also keeps the count its execution began with.
 */
public final class TrialAttempts {

    static final String STEP_EXECUTION = TrialTasklet.CLAIMED_BY_A_WORKER;

    static final String ATTEMPTS_BEFORE = "demon.remote.attempts-before";

    private static final Logger logger = LoggerFactory.getLogger(TrialAttempts.class);

    private TrialAttempts() {
    }

    /**
     * The attempts of a partition's current execution.
     * @param partition the trial's step execution, as the JobRepository holds it
     * @return the starts of its training in this execution, 0 before the first
     */
    public static int of(StepExecution partition) {
        ExecutionContext context = partition.getExecutionContext();
        int attempts = progress(partition).attempts();
        if (context.getLong(STEP_EXECUTION, -1) != partition.getId()) {
            return 0;
        }
        return attempts - context.getInt(ATTEMPTS_BEFORE, 0);
    }

    /**
     * Marks the partition's context, before a worker first trains it in this execution,
     * with the attempts made before.
     * @param partition the trial's step execution; its context changes, not the
     * repository
     */
    public static void recordClaim(StepExecution partition) {
        ExecutionContext context = partition.getExecutionContext();
        if (context.getLong(STEP_EXECUTION, -1) != partition.getId()) {
            context.putLong(STEP_EXECUTION, partition.getId());
            context.putInt(ATTEMPTS_BEFORE, progress(partition).attempts());
        }
    }

    /**
     * The trial's progress as its partition holds it.
     * @param partition the trial's step execution
     * @return its progress
     */
    static TrialProgress progress(StepExecution partition) {
        return TrialProgress.readFrom(TrialLeases.trialOf(partition.getStepName()), partition.getExecutionContext());
    }

    /**
     * Ends a trial whose attempts are spent FAILED, with the reason as its exit
     * description, in the JobRepository.
     * @param jobRepository the shared JobRepository
     * @param partition the trial's step execution, freshly read
     * @param maxAttempts {@code demon.remote.max-attempts}
     */
    static void failSpent(JobRepository jobRepository, StepExecution partition, int maxAttempts) {
        String reason = String.format(
                "%s of sweep %s was started %s in this execution (demon.remote.max-attempts = %d) and never ended; "
                        + "its last attempt ran on %s",
                TrialLeases.trialOf(partition.getStepName()), partition.getJobExecution().getJobInstance().getJobName(),
                of(partition) == 1 ? "once" : of(partition) + " times", maxAttempts, progress(partition).host());
        logger.warn("{}; it ends FAILED", reason);
        partition.setStatus(BatchStatus.FAILED);
        partition.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
        partition.setEndTime(LocalDateTime.now());
        jobRepository.update(partition);
    }

}
