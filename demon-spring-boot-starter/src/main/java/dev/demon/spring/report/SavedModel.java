package dev.demon.spring.report;

/**
 * A trained model a completed job saved with DJL's {@code Model.save}, as
 * {@code report.json} describes it.
 *
 * @param path the model's folder ({@code <demon.checkpoint.dir>/<pipeline>/model} or
 * {@code best-model})
 * @param epoch the epoch its parameters are from
 * @param validationLoss the validation loss of that epoch
 * @param validationAccuracy the validation accuracy of that epoch
 */
public record SavedModel(String path, int epoch, float validationLoss, float validationAccuracy) {
}
