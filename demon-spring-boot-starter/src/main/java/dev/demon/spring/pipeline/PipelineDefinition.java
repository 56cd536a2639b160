package dev.demon.spring.pipeline;

import java.io.IOException;
import java.util.List;

import ai.djl.nn.Block;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;

/**
 * What a training pipeline supplies; the starter does the rest (trainer, optimizer, epochs as
 * Spring Batch steps, checkpoints, metrics, report). Implement it on a class annotated with
 * {@link TrainingPipeline}.
 *
 * <p>The starter infers the model's input shape from the first training batch.
 */
public interface PipelineDefinition {

    /**
     * A new, uninitialised model block. Called once per training run; the starter initialises
     * it, or restores its parameters from the latest checkpoint when the job resumes.
     *
     * @return the model's block
     */
    Block model();

    /**
     * The training set, batched with {@code batchSize}. The starter calls
     * {@link RandomAccessDataset#prepare()} on it.
     *
     * @param batchSize the mini-batch size in force for this run
     * @return the training set
     * @throws IOException when the data cannot be read
     * @throws TranslateException when the data cannot be converted
     */
    RandomAccessDataset trainingSet(int batchSize) throws IOException, TranslateException;

    /**
     * The validation set evaluated at the end of every epoch, batched with {@code batchSize}.
     *
     * @param batchSize the mini-batch size in force for this run
     * @return the validation set
     * @throws IOException when the data cannot be read
     * @throws TranslateException when the data cannot be converted
     */
    RandomAccessDataset validationSet(int batchSize) throws IOException, TranslateException;

    /**
     * The training loss.
     *
     * @return the loss
     */
    Loss loss();

    /**
     * Evaluators reported beside the loss; the first {@link Accuracy} among them feeds the
     * accuracy metrics.
     *
     * @return the evaluators, by default top-1 accuracy
     */
    default List<Evaluator> evaluators() {
        return List.of(new Accuracy());
    }
}
