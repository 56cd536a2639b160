package dev.demon.spring.report;

/**
 * A trained model a completed job saved with DJL's {@code Model.save}, as
 * {@code report.json} describes it.
 *
 * @param path the model's folder, absolute: the pipeline's
 * {@link dev.demon.spring.workspace.PipelineFolder#model()} or
 * {@link dev.demon.spring.workspace.PipelineFolder#bestModel()}
 * @param epoch the epoch its parameters are from
 * @param validationLoss the validation loss of that epoch
 * @param validationAccuracy the validation accuracy of that epoch
 */
public record SavedModel(String path, int epoch, float validationLoss, float validationAccuracy) {
}
