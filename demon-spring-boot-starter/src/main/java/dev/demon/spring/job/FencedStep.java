package dev.demon.spring.job;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

import dev.demon.spring.lease.LeaseLostException;

/**
 * How a tasklet ends its step when its process is fenced ({@link LeaseLostException}):
 * FAILED, with the fencing as its exit description, and without the errors Spring Batch
 * would log for it, as nothing is wrong with the run. The job's listener logs the one
 * line that says so when the job ends.
 *
 * <p>
 * Thrown from the tasklet, the exception would make Spring Batch's {@code AbstractStep}
 * log it with its stack trace as an error executing the step. Worse, a process whose run
 * was taken over finds its step execution changed under it: the taker's
 * {@code JobOperator.recover} marked the step FAILED, which raised its version in the
 * JobRepository, so the two updates {@code AbstractStep} makes when the step ends (before
 * and after its listeners) fail with an {@code OptimisticLockingFailureException}, each
 * logged as "This job is now in an unknown state and should not be restarted", and the
 * step is stored nowhere. Spring Batch synchronizes a job execution's version with the
 * stored one when it updates it ({@code JobExecutionDao.synchronizeStatus}), but a step
 * execution's only while its job is stopping. So the fenced step takes the stored
 * version, as Spring Batch does for the job, and ends FAILED by returning: its final
 * update writes FAILED over the taker's FAILED, and the job ends FAILED after it. It
 * takes the stored execution context too, so that the context Spring Batch stores when
 * the step ends is the stored one, not this process's copy. (A sweep's trial taken by a
 * newer worker, which carries on the same step execution, is not ended here: its step's
 * repository stores nothing more of it, {@code TrialStepRepository}.)
 */
public final class FencedStep {

    private FencedStep() {
    }

    /**
     * Ends a step whose process is fenced.
     * @param step the step's execution
     * @param fenced why
     * @param jobRepository where the step execution is stored
     * @return what the tasklet returns: {@link RepeatStatus#FINISHED}
     */
    public static RepeatStatus end(StepExecution step, LeaseLostException fenced, JobRepository jobRepository) {
        try {
            StepExecution stored = jobRepository.getStepExecution(step.getId());
            if (stored != null) {
                if (stored.getVersion() != null) {
                    step.setVersion(stored.getVersion());
                }
                step.setExecutionContext(stored.getExecutionContext());
            }
        }
        catch (DataAccessException | TransactionException ex) {
            // The database is out of reach: the step's updates fail too, and Spring Batch
            // says the job's state is unknown, which it then is.
        }
        step.setStatus(BatchStatus.FAILED);
        step.setExitStatus(ExitStatus.FAILED.addExitDescription(fenced.getMessage()));
        return RepeatStatus.FINISHED;
    }

}
