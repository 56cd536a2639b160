package dev.demon.spring.training;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * A pipeline with how it is trained: the epochs and batch size in force (its
 * {@code @TrainingPipeline} values, or {@code demon.epochs} and {@code demon.batch-size}
 * when set), the seed, which epoch's model is the best and the engine.
 *
 * @param pipeline the pipeline's name, also the job's name
 * @param definition what the pipeline supplies
 * @param epochs number of epochs, &gt;= 1
 * @param batchSize mini-batch size, &gt;= 1
 * @param seed {@code demon.seed}, or null
 * @param monitor which epoch's model is the best, {@link ModelMonitor#select chosen for
 * this pipeline}
 * @param checkpointInterval {@code demon.checkpoint.interval}: the time after which a
 * checkpoint is written at the next batch boundary inside an epoch
 * @param engine the DJL name of the engine it trains on, e.g. {@code MXNet}
 */
public record TrainingPlan(String pipeline, PipelineDefinition definition, int epochs, int batchSize,
        @Nullable Integer seed, ModelMonitor monitor, Duration checkpointInterval, String engine) {

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
