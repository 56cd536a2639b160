package dev.demon.spring.report;

/**
 * What one finished epoch achieved: an element of the job's history, kept in every
 * checkpoint and written to {@code report.json}.
 *
 * @param epoch the 1-based epoch
 * @param trainLoss mean training loss over the epoch's batches
 * @param trainAccuracy training accuracy over the epoch (NaN without an accuracy
 * evaluator)
 * @param validationLoss validation loss at the end of the epoch
 * @param validationAccuracy validation accuracy at the end of the epoch (NaN without an
 * accuracy evaluator)
 * @param momentum β of the epoch's last update
 * @param learningRate η of the epoch's last update
 * @param samplesPerSecond training samples per second of wall time (forward, backward,
 * update)
 */
public record EpochSummary(int epoch, float trainLoss, float trainAccuracy, float validationLoss,
        float validationAccuracy, float momentum, float learningRate, double samplesPerSecond) {
}
