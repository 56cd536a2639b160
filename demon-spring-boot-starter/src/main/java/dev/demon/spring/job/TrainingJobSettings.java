package dev.demon.spring.job;

import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.promotion.PromotionSettings;
import dev.demon.spring.training.EarlyStoppingSettings;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.workspace.Workspace;

/**
 * The {@code demon.*} settings the training jobs run with, besides the training settings
 * of {@link RunConfigurations}.
 *
 * @param workspace {@code demon.checkpoint.dir}, where the jobs keep their files
 * @param monitor {@code demon.model.monitor}, or null for each pipeline's default
 * @param checkpointInterval {@code demon.checkpoint.interval}
 * @param earlyStopping each pipeline's early stopping, by its name:
 * {@code demon.pipelines.<name>.early-stopping.*} over {@code demon.early-stopping.*}
 * @param promotion each pipeline's promotion, by its name:
 * {@code demon.pipelines.<name>.model.promotion*} over {@code demon.model.promotion*}
 */
public record TrainingJobSettings(Workspace workspace, @Nullable ModelMonitor monitor, Duration checkpointInterval,
        Function<String, EarlyStoppingSettings> earlyStopping, Function<String, PromotionSettings> promotion) {

    /**
     * Settings where every run's best model is promoted.
     * @param workspace where the jobs keep their files
     * @param monitor {@code demon.model.monitor}, or null
     * @param checkpointInterval {@code demon.checkpoint.interval}
     * @param earlyStopping each pipeline's early stopping, by its name
     */
    public TrainingJobSettings(Workspace workspace, @Nullable ModelMonitor monitor, Duration checkpointInterval,
            Function<String, EarlyStoppingSettings> earlyStopping) {
        this(workspace, monitor, checkpointInterval, earlyStopping, pipeline -> PromotionSettings.ALWAYS);
    }

    /**
     * Settings without early stopping.
     * @param workspace where the jobs keep their files
     * @param monitor {@code demon.model.monitor}, or null
     * @param checkpointInterval {@code demon.checkpoint.interval}
     */
    public TrainingJobSettings(Workspace workspace, @Nullable ModelMonitor monitor, Duration checkpointInterval) {
        this(workspace, monitor, checkpointInterval, pipeline -> EarlyStoppingSettings.DISABLED);
    }

}
