package dev.demon.spring.page;

import dev.demon.spring.report.EpochSummary;

/**
 * What one finished epoch achieved, as the page charts it: an {@link EpochSummary} with
 * null where it holds NaN (an accuracy without an accuracy evaluator), which JSON cannot
 * carry as a number.
 *
 * @param epoch the 1-based epoch
 * @param trainLoss mean training loss over the epoch
 * @param trainAccuracy training accuracy over the epoch
 * @param validationLoss validation loss at its end
 * @param validationAccuracy validation accuracy at its end
 * @param momentum β of its last update
 * @param learningRate η of its last update
 * @param samplesPerSecond training samples per second
 */
public record EpochFigures(int epoch, Float trainLoss, Float trainAccuracy, Float validationLoss,
        Float validationAccuracy, Float momentum, Float learningRate, Double samplesPerSecond) {

    static EpochFigures of(EpochSummary summary) {
        return new EpochFigures(summary.epoch(), number(summary.trainLoss()), number(summary.trainAccuracy()),
                number(summary.validationLoss()), number(summary.validationAccuracy()), number(summary.momentum()),
                number(summary.learningRate()),
                Double.isFinite(summary.samplesPerSecond()) ? summary.samplesPerSecond() : null);
    }

    static Float number(float value) {
        return Float.isFinite(value) ? value : null;
    }

}
