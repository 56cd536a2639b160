package dev.demon.spring.training;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * A pipeline with how it is trained: its {@link RunConfiguration}, which epoch's model is
 * the best and how often a checkpoint is written inside an epoch.
 *
 * @param pipeline the pipeline's name, also the job's name
 * @param definition what the pipeline supplies
 * @param configuration how its runs train: optimizer, epochs, batch size, seed, engine
 * @param monitor which epoch's model is the best, {@link ModelMonitor#select chosen for
 * this pipeline}
 * @param checkpointInterval {@code demon.checkpoint.interval}: the time after which a
 * checkpoint is written at the next batch boundary inside an epoch
 */
public record TrainingPlan(String pipeline, PipelineDefinition definition, RunConfiguration configuration,
        ModelMonitor monitor, Duration checkpointInterval) {

    /**
     * The number of epochs in force.
     * @return &gt;= 1
     */
    public int epochs() {
        return configuration.epochs();
    }

    /**
     * The mini-batch size in force.
     * @return &gt;= 1
     */
    public int batchSize() {
        return configuration.batchSize();
    }

    /**
     * The seed of the engine's generator.
     * @return {@code demon.seed}, or null
     */
    public @Nullable Integer seed() {
        return configuration.seed();
    }

    /**
     * The engine the pipeline trains on.
     * @return its DJL name, e.g. {@code MXNet}
     */
    public String engine() {
        return configuration.engine();
    }

    /**
     * The name of the step training epoch {@code epoch}:
     * {@code <pipeline>-epoch-<epoch>}.
     * @param epoch 1-based
     * @return the step's name
     */
    public String stepName(int epoch) {
        return pipeline + "-epoch-" + epoch;
    }
}
