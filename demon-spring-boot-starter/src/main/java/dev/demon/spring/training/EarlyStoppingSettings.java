package dev.demon.spring.training;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.optimizer.PropertyValues;

/**
 * The early stopping of one pipeline ({@code demon.early-stopping.*}, over which
 * {@code demon.pipelines.<name>.early-stopping.*} is layered), with the semantics of
 * Keras' and Lightning's {@code EarlyStopping} callbacks.
 *
 * @param enabled whether the run may stop before its last epoch
 * @param monitor the figure checked after every epoch, or null for the pipeline's
 * {@link ModelMonitor}
 * @param minDelta a change of the figure no larger than this counts as no improvement,
 * &gt;= 0
 * @param patience epochs without improvement after which the run stops, &gt;= 1
 * @param startFromEpoch epochs not checked at all at the start of a run, &gt;= 0
 * @param stoppingThreshold stop once the figure reaches it (at most it for a loss, at
 * least it for an accuracy), or null
 * @param divergenceThreshold stop once the figure is worse than it, or null
 * @param mode stop at once, or decay the schedules over {@code decayEpochs} first
 * @param decayEpochs epochs of decay before the run ends in
 * {@link EarlyStoppingMode#DECAY_THEN_STOP}, &gt;= 1 and below the epochs
 * @param setByPipeline the settings (relative to {@code early-stopping.}) that the
 * pipeline's own properties set, so that a refusal names the property that set it
 */
public record EarlyStoppingSettings(boolean enabled, @Nullable ModelMonitor monitor, float minDelta, int patience,
        int startFromEpoch, @Nullable Float stoppingThreshold, @Nullable Float divergenceThreshold,
        EarlyStoppingMode mode, int decayEpochs, Set<String> setByPipeline) {

    /** Early stopping off: every run trains all its epochs. */
    public static final EarlyStoppingSettings DISABLED = new EarlyStoppingSettings(false, null, 0f, 3, 0, null, null,
            EarlyStoppingMode.DECAY_THEN_STOP, 1, Set.of());

    /**
     * The monitor in force for a pipeline.
     * @param pipelineMonitor the pipeline's {@link ModelMonitor}
     * @return {@link #monitor()}, or the pipeline's when it is unset
     */
    public ModelMonitor monitorFor(ModelMonitor pipelineMonitor) {
        return monitor != null ? monitor : pipelineMonitor;
    }

    /**
     * Refuses settings that cannot work for a pipeline, before it trains.
     * @param pipeline the pipeline's name
     * @param pipelineMonitor its {@link ModelMonitor}
     * @param measuresAccuracy whether it has an accuracy evaluator
     * @param epochs its epochs in force
     * @throws InvalidTrainingSettingException naming the property (its full name), its
     * value and what is allowed: a monitor it cannot report, a threshold outside [0, 1]
     * for the accuracy, a divergence threshold on the better side of the stopping
     * threshold, or {@code decay-epochs} not below the epochs
     */
    public void checkFor(String pipeline, ModelMonitor pipelineMonitor, boolean measuresAccuracy, int epochs) {
        if (!enabled) {
            return;
        }
        ModelMonitor checked = monitorFor(pipelineMonitor);
        if (checked == ModelMonitor.VALIDATION_ACCURACY && !measuresAccuracy) {
            throw invalid(pipeline, "monitor", PropertyValues.of(checked), "pipeline " + pipeline
                    + " has no accuracy evaluator (an ai.djl.training.evaluator.Accuracy among its evaluators()), so it "
                    + "has no validation accuracy to monitor; allowed: validation-loss");
        }
        if (checked == ModelMonitor.VALIDATION_ACCURACY) {
            checkAccuracy(pipeline, "stopping-threshold", stoppingThreshold);
            checkAccuracy(pipeline, "divergence-threshold", divergenceThreshold);
        }
        if (stoppingThreshold != null && divergenceThreshold != null) {
            boolean worse = checked.lowerIsBetter() ? divergenceThreshold > stoppingThreshold
                    : divergenceThreshold < stoppingThreshold;
            if (!worse) {
                throw invalid(pipeline, "divergence-threshold", String.valueOf(divergenceThreshold),
                        "must be worse than the stopping threshold " + stoppingThreshold + " for "
                                + PropertyValues.of(checked) + " of pipeline " + pipeline + " ("
                                + (checked.lowerIsBetter() ? "above" : "below") + " it)");
            }
        }
        if (mode == EarlyStoppingMode.DECAY_THEN_STOP && decayEpochs >= epochs) {
            throw invalid(pipeline, "decay-epochs", String.valueOf(decayEpochs),
                    "must be below the epochs of pipeline " + pipeline + " (" + epochs + ")");
        }
    }

    private void checkAccuracy(String pipeline, String setting, @Nullable Float threshold) {
        if (threshold != null && !(threshold >= 0f && threshold <= 1f)) {
            throw invalid(pipeline, setting, String.valueOf(threshold),
                    "must be in [0, 1] for validation-accuracy of pipeline " + pipeline);
        }
    }

    private InvalidTrainingSettingException invalid(String pipeline, String setting, String value, String reason) {
        return new InvalidTrainingSettingException(propertyName(pipeline, setting), value, reason);
    }

    /**
     * The full name of the property that sets one of these settings for a pipeline.
     * @param pipeline the pipeline's name
     * @param setting the setting, relative to {@code early-stopping.}, e.g.
     * {@code decay-epochs}
     * @return {@code demon.pipelines.<pipeline>.early-stopping.<setting>} when the
     * pipeline set it, else {@code demon.early-stopping.<setting>}
     */
    public String propertyName(String pipeline, String setting) {
        return (setByPipeline.contains(setting) ? "demon.pipelines." + pipeline + "." : "demon.") + "early-stopping."
                + setting;
    }

}
