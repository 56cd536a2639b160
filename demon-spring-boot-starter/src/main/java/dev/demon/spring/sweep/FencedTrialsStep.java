package dev.demon.spring.sweep;

import org.springframework.batch.core.partition.PartitionStep;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.job.FencedStep;
import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.LeaseLostException;

/**
 * A sweep's partitioned step {@code <sweep>-trials} that ends FAILED without Spring
 * Batch's errors when its process is fenced, as {@link FencedStep} ends an epoch step.
 *
 * <p>
 * A process whose sweep was taken over finds its trials step and its partitions changed
 * under it: the taker's {@code JobOperator.recover} marked them FAILED, which raised
 * their versions. The partition handler then fails on a trial not yet begun (its first
 * update), and {@link PartitionStep} throws for the FAILED trials ("Partition handler
 * returned an unsuccessful step"), each logged by {@code AbstractStep} with its stack
 * trace, and its updates of this step fail ("This job is now in an unknown state"). When
 * the sweep's lease is lost, this step takes the stored version and ends FAILED by
 * returning; the job's listener logs the one line that says so. Any other failure, or one
 * under a lease still held, is thrown as before.
 */
class FencedTrialsStep extends PartitionStep {

    private final RunningExecutions executions;

    FencedTrialsStep(JobRepository jobRepository, RunningExecutions executions) {
        super(jobRepository);
        this.executions = executions;
    }

    @Override
    protected void doExecute(StepExecution stepExecution) throws Exception {
        try {
            super.doExecute(stepExecution);
        }
        catch (Exception ex) {
            LeaseLostException fenced = fencing(stepExecution);
            if (fenced == null) {
                throw ex;
            }
            FencedStep.end(stepExecution, fenced, getJobRepository());
        }
    }

    private @Nullable LeaseLostException fencing(StepExecution stepExecution) {
        try {
            this.executions.of(stepExecution.getJobExecution()).lease().requireHeld();
            return null;
        }
        catch (LeaseLostException ex) {
            return ex;
        }
        catch (RuntimeException ex) {
            // Not an execution of this process's: nothing fences it here.
            return null;
        }
    }

}
