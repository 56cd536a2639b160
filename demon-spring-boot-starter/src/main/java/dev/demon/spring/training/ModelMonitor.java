package dev.demon.spring.training;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.report.EpochSummary;

/**
 * Which finished epoch's model is the best one, as DJL's and Keras' checkpoint callbacks
 * choose it: by the validation accuracy, highest wins, or by the validation loss, lowest
 * wins. A tie of the monitored figure goes to the lower validation loss, and a tie of
 * that to the earlier epoch: accuracy on a small validation set moves in steps of one
 * sample, so later epochs often tie with the best while their loss, which measures how
 * confidently they are right, still falls (Keras' {@code ModelCheckpoint} keeps the first
 * of tied epochs; a tie-break by the loss prefers the better-calibrated model).
 *
 * <p>
 * Each pipeline has its own ({@link #select}): its {@code @TrainingPipeline(monitor)},
 * else {@code demon.model.monitor}, else validation accuracy when the pipeline has an
 * accuracy evaluator ({@link AccuracyEvaluator}) and validation loss when it has none.
 */
public enum ModelMonitor {

    /** The highest validation accuracy wins. */
    VALIDATION_ACCURACY,

    /** The lowest validation loss wins. */
    VALIDATION_LOSS;

    /** Where a pipeline's monitor comes from when its annotation sets none. */
    public static final String PROPERTY = "demon.model.monitor";

    /** Where a pipeline sets its own monitor. */
    public static final String ATTRIBUTE = "@TrainingPipeline(monitor)";

    /**
     * The monitor of one pipeline.
     * @param pipeline the pipeline's name, for the failure message
     * @param declared its {@code @TrainingPipeline(monitor)}:
     * {@code validation-accuracy}, {@code validation-loss}, or empty for none
     * @param configured {@code demon.model.monitor}, or null when it is not set
     * @param measuresAccuracy whether the pipeline has an accuracy evaluator
     * @return the declared monitor, else the configured one, else validation accuracy
     * with an accuracy evaluator and validation loss without
     * @throws MonitorUnavailableException when the declared value is not a monitor, or
     * the chosen monitor is validation accuracy and the pipeline measures none
     */
    public static ModelMonitor select(String pipeline, String declared, @Nullable ModelMonitor configured,
            boolean measuresAccuracy) {
        ModelMonitor monitor;
        String source;
        if (!declared.isEmpty()) {
            source = ATTRIBUTE;
            monitor = Arrays.stream(values())
                .filter(value -> PropertyValues.of(value).equals(declared))
                .findFirst()
                .orElseThrow(() -> new MonitorUnavailableException(pipeline, declared, ATTRIBUTE,
                        "it is not a monitor; allowed: " + PropertyValues.allOf(ModelMonitor.class)));
        }
        else if (configured != null) {
            source = PROPERTY;
            monitor = configured;
        }
        else {
            return measuresAccuracy ? VALIDATION_ACCURACY : VALIDATION_LOSS;
        }
        if (monitor == VALIDATION_ACCURACY && !measuresAccuracy) {
            throw new MonitorUnavailableException(pipeline, PropertyValues.of(monitor), source,
                    "the pipeline has no accuracy evaluator (an ai.djl.training.evaluator.Accuracy among its "
                            + "evaluators()), so it has no validation accuracy");
        }
        return monitor;
    }

    /**
     * Which way this monitor's figure improves, the one place that knows it (the best
     * epoch, early stopping and a sweep's objective all ask here).
     * @return true for the validation loss, false for the validation accuracy
     */
    public boolean lowerIsBetter() {
        return this == VALIDATION_LOSS;
    }

    /**
     * Whether {@code candidate}, a later epoch, is better than {@code best}: its
     * monitored figure is better, or the same with a lower validation loss.
     * @param candidate a finished epoch, later than {@code best}
     * @param best the best epoch so far, or null when there is none
     * @return true when the candidate should become the best
     */
    public boolean isBetter(EpochSummary candidate, @Nullable EpochSummary best) {
        if (best == null) {
            return true;
        }
        return isBetter(figureOf(candidate), candidate.validationLoss(), figureOf(best), best.validationLoss());
    }

    /**
     * The same rule on figures alone, as a sweep records its trials' epochs: whether a
     * later epoch whose monitored figure is {@code figure} and validation loss
     * {@code loss} is better than the best so far.
     * @param figure the later epoch's monitored figure; NaN is never better
     * @param loss its validation loss; NaN breaks no tie
     * @param bestFigure the best epoch's monitored figure
     * @param bestLoss its validation loss
     * @return true when the later epoch should become the best
     */
    public boolean isBetter(double figure, double loss, double bestFigure, double bestLoss) {
        if (figure != bestFigure) {
            return lowerIsBetter() ? figure < bestFigure : figure > bestFigure;
        }
        // For the loss, a tie of the loss itself has nothing left to break it but the
        // epoch.
        return loss < bestLoss;
    }

    /**
     * The figure this monitor compares.
     * @param epoch a finished epoch
     * @return its validation accuracy or its validation loss
     */
    public float figureOf(EpochSummary epoch) {
        return figureOf(epoch.validationLoss(), epoch.validationAccuracy());
    }

    /**
     * The figure this monitor compares, of a model evaluated on the validation set.
     * @param validationLoss its validation loss
     * @param validationAccuracy its validation accuracy, NaN without an accuracy
     * evaluator
     * @return one of the two
     */
    public float figureOf(float validationLoss, float validationAccuracy) {
        return switch (this) {
            case VALIDATION_ACCURACY -> validationAccuracy;
            case VALIDATION_LOSS -> validationLoss;
        };
    }

    /**
     * The best of some finished epochs.
     * @param history the epochs, in order
     * @return the best; on a tie of the monitored figure the one with the lowest
     * validation loss, and the earliest of those; empty for no epochs
     */
    public Optional<EpochSummary> best(List<EpochSummary> history) {
        EpochSummary best = null;
        for (EpochSummary epoch : history) {
            if (isBetter(epoch, best)) {
                best = epoch;
            }
        }
        return Optional.ofNullable(best);
    }

}
