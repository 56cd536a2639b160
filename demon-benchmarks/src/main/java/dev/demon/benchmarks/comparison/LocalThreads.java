package dev.demon.benchmarks.comparison;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Trains the cells in this process, up to {@code comparison.concurrency} at a time, each
 * on a thread of its own.
 */
public class LocalThreads implements CellDistribution {

    private final JobRepository jobRepository;

    private final int concurrency;

    /**
     * @param jobRepository the JobRepository
     * @param concurrency cells trained at once
     */
    public LocalThreads(JobRepository jobRepository, int concurrency) {
        this.jobRepository = jobRepository;
        this.concurrency = concurrency;
    }

    @Override
    public Step cellsStep(String name, Step cellStep, CellPartitioner partitioner, int gridSize) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(name + "-");
        threads.setConcurrencyLimit(this.concurrency);
        return new StepBuilder(name, this.jobRepository).partitioner(cellStep.getName(), partitioner)
            .step(cellStep)
            .gridSize(gridSize)
            .taskExecutor(threads)
            .build();
    }

}
