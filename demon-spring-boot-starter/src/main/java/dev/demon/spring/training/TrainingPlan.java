package dev.demon.spring.training;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * A pipeline with how it is trained: its {@link RunConfiguration}, which epoch's model is
 * the best, how often a checkpoint is written inside an epoch and, for a trial of a
 * sweep, which one.
 *
 * @param pipeline the pipeline's name, also the job's name
 * @param definition what the pipeline supplies
 * @param configuration how its runs train: optimizer, epochs, batch size, seed, engine
 * @param monitor which epoch's model is the best, {@link ModelMonitor#select chosen for
 * this pipeline}
 * @param checkpointInterval {@code demon.checkpoint.interval}: the time after which a
 * checkpoint is written at the next batch boundary inside an epoch
 * @param trial the sweep's trial this training is, whose name and key tag its meters;
 * null for a pipeline's own job or a {@link PipelineRun}
 * @param earlyStopping whether and how its runs stop early
 * @param exactResume {@code demon.checkpoint.exact-resume}: whether the engine is
 * reseeded before every training batch (with a seed), so that an epoch resumed inside
 * repeats the uninterrupted epoch's random draws
 */
public record TrainingPlan(String pipeline, PipelineDefinition definition, RunConfiguration configuration,
        ModelMonitor monitor, Duration checkpointInterval, @Nullable SweepTrial trial,
        EarlyStoppingSettings earlyStopping, boolean exactResume) {

    /**
     * A plan that resumes exactly ({@code demon.checkpoint.exact-resume}'s default).
     * @param pipeline the pipeline's name, also the job's name
     * @param definition what the pipeline supplies
     * @param configuration how its runs train
     * @param monitor which epoch's model is the best
     * @param checkpointInterval the time after which a checkpoint is written inside an
     * epoch
     * @param trial the sweep's trial this training is, or null
     * @param earlyStopping whether and how its runs stop early
     */
    public TrainingPlan(String pipeline, PipelineDefinition definition, RunConfiguration configuration,
            ModelMonitor monitor, Duration checkpointInterval, @Nullable SweepTrial trial,
            EarlyStoppingSettings earlyStopping) {
        this(pipeline, definition, configuration, monitor, checkpointInterval, trial, earlyStopping, true);
    }

    /**
     * A plan without early stopping.
     * @param pipeline the pipeline's name, also the job's name
     * @param definition what the pipeline supplies
     * @param configuration how its runs train
     * @param monitor which epoch's model is the best
     * @param checkpointInterval the time after which a checkpoint is written inside an
     * epoch
     * @param trial the sweep's trial this training is, or null
     */
    public TrainingPlan(String pipeline, PipelineDefinition definition, RunConfiguration configuration,
            ModelMonitor monitor, Duration checkpointInterval, @Nullable SweepTrial trial) {
        this(pipeline, definition, configuration, monitor, checkpointInterval, trial, EarlyStoppingSettings.DISABLED);
    }

    /**
     * A plan that is no trial of a sweep.
     * @param pipeline the pipeline's name, also the job's name
     * @param definition what the pipeline supplies
     * @param configuration how its runs train
     * @param monitor which epoch's model is the best
     * @param checkpointInterval the time after which a checkpoint is written inside an
     * epoch
     */
    public TrainingPlan(String pipeline, PipelineDefinition definition, RunConfiguration configuration,
            ModelMonitor monitor, Duration checkpointInterval) {
        this(pipeline, definition, configuration, monitor, checkpointInterval, null, EarlyStoppingSettings.DISABLED);
    }

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
