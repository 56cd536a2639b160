package dev.demon.spring.sweep;

import java.util.Collection;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.step.StepExecution;

/**
 * Aggregates a sweep's trial partitions into its trials step as Spring Batch's default
 * aggregator does, except that a pruned trial (COMPLETED, exit code
 * {@link TrialOutcome#PRUNED}) counts as COMPLETED in the step's exit status:
 * {@link ExitStatus#and} ranks an exit code it does not know above every other, so one
 * pruned trial would otherwise become the exit code of the step and of the sweep's job.
 */
public class PrunedExitStatusAggregator implements StepExecutionAggregator {

    private final StepExecutionAggregator delegate = new DefaultStepExecutionAggregator();

    @Override
    public void aggregate(StepExecution result, Collection<StepExecution> executions) {
        ExitStatus exitStatus = result.getExitStatus();
        delegate.aggregate(result, executions);
        for (StepExecution execution : executions) {
            ExitStatus partition = execution.getExitStatus();
            exitStatus = exitStatus
                .and(TrialOutcome.PRUNED.equals(partition.getExitCode()) ? ExitStatus.COMPLETED : partition);
        }
        result.setExitStatus(exitStatus);
    }

}
