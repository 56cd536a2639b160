package dev.demon.spring.sweep;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * How a sweep's partitioned step {@code <sweep>-trials} hands its trials out: to local
 * threads ({@link #localThreads()}, the default), or to worker processes
 * ({@code dev.demon.spring.remote}). The partitioner, the trial keys and the job's
 * listener are the same either way.
 */
@FunctionalInterface
public interface TrialPartitionHandlers {

    /**
     * The handler of one sweep's trials.
     * @param plan the sweep
     * @param trial the step that trains one trial, {@code <sweep>-trial}
     * @return the handler, given the grid size of every trial
     */
    PartitionHandler create(SweepPlan plan, Step trial);

    /**
     * Local threads, {@code concurrency} at a time, in trial order.
     * @return the handlers
     */
    static TrialPartitionHandlers localThreads() {
        return (plan, trial) -> {
            SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(plan.name() + "-");
            threads.setConcurrencyLimit(plan.definition().concurrency());
            TrialOrderPartitionHandler handler = new TrialOrderPartitionHandler();
            handler.setStep(trial);
            handler.setGridSize(plan.trials().size());
            handler.setTaskExecutor(threads);
            return handler;
        };
    }

}
