package dev.demon.spring.sweep;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.StepExecution;

/**
 * Spring Batch's local partition handler, handing the trials to its threads in trial
 * order ({@code trial-0001} first) rather than in the order of the splitter's hash set:
 * with one thread the trials train one after the other as numbered, so the first trials
 * complete first, as the pruner's start-up trials.
 */
public class TrialOrderPartitionHandler extends TaskExecutorPartitionHandler {

    @Override
    protected Set<StepExecution> doHandle(StepExecution managerStepExecution, Set<StepExecution> partitions)
            throws Exception {
        Set<StepExecution> inTrialOrder = new LinkedHashSet<>();
        partitions.stream().sorted(Comparator.comparing(StepExecution::getStepName)).forEach(inTrialOrder::add);
        return super.doHandle(managerStepExecution, inTrialOrder);
    }

}
