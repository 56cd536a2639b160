package dev.demon.spring.job;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.workspace.Workspace;

/**
 * The {@code demon.*} settings the training jobs run with, besides the training settings
 * of {@link RunConfigurations}.
 *
 * @param workspace {@code demon.checkpoint.dir}, where the jobs keep their files
 * @param monitor {@code demon.model.monitor}, or null for each pipeline's default
 * @param checkpointInterval {@code demon.checkpoint.interval}
 */
public record TrainingJobSettings(Workspace workspace, @Nullable ModelMonitor monitor, Duration checkpointInterval) {
}
