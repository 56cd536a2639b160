package dev.demon.spring.job;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.workspace.Workspace;

/**
 * The {@code demon.*} settings the training jobs run with, besides the optimizer's.
 *
 * @param workspace {@code demon.checkpoint.dir}, where the jobs keep their files
 * @param epochs {@code demon.epochs}, or null for each pipeline's own
 * @param batchSize {@code demon.batch-size}, or null for each pipeline's own
 * @param seed {@code demon.seed}, or null
 * @param monitor {@code demon.model.monitor}, or null for each pipeline's default
 * @param checkpointInterval {@code demon.checkpoint.interval}
 * @param engine the DJL name of the engine to train on ({@code demon.engine} or DJL's
 * default)
 */
public record TrainingJobSettings(Workspace workspace, @Nullable Integer epochs, @Nullable Integer batchSize,
        @Nullable Integer seed, @Nullable ModelMonitor monitor, Duration checkpointInterval, String engine) {
}
