package dev.demon.benchmarks.comparison;

import org.springframework.batch.core.step.Step;

/**
 * How a job's partitioned step has its cells trained: on local threads
 * ({@link LocalThreads}, the default) or by worker processes on any machines
 * ({@link RemoteWorkers}, the profile {@code manager}).
 */
public interface CellDistribution {

    /**
     * Builds the partitioned step.
     * @param name the step's name
     * @param cellStep the step that trains one partition, whose name names the partitions
     * @param partitioner one partition per cell
     * @param gridSize the number of cells
     * @return the step
     */
    Step cellsStep(String name, Step cellStep, CellPartitioner partitioner, int gridSize);

}
