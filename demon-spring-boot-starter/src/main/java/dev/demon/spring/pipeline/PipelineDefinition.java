package dev.demon.spring.pipeline;

import java.io.IOException;
import java.util.List;

import ai.djl.nn.Block;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;

/**
 * What a training pipeline supplies; the starter does the rest (trainer, optimizer,
 * epochs as Spring Batch steps, checkpoints, metrics, report). Implement it on a class
 * annotated with {@link TrainingPipeline}.
 *
 * <p>
 * The starter infers the model's input shape from the first training batch, and draws the
 * batches itself so that the number of updates T is known before the first one: training
 * batches of {@code batchSize} in a new random order every epoch, validation batches in
 * order, the last, smaller batch kept in both. A sampler set on the datasets is therefore
 * not used (DJL's builders still require one, {@code setSampling(batchSize, true)} will
 * do). An epoch has ceil(size / batchSize) batches and T = epochs × that.
 *
 * <p>
 * The methods are called once per training run (a job execution, or its continuation
 * after a restart), on the thread running the job. Serving a saved model
 * ({@code dev.demon.spring.serving}) calls only {@link #model()}, once for every model it
 * loads, and its translator is built with {@link #inputPipeline()}: it trains nothing and
 * reads no dataset.
 */
public interface PipelineDefinition {

    /**
     * A new, uninitialised model block. Called once per training run; the starter
     * initialises it, or restores its parameters from the latest checkpoint when the job
     * resumes.
     * @return the model's block
     */
    Block model();

    /**
     * The training set. The starter calls {@link RandomAccessDataset#prepare()} on it,
     * then draws shuffled batches of {@code batchSize} from it; it must not be empty. A
     * record that cannot be read fails the running epoch step, and the job can be resumed
     * once the data is fixed.
     * @param batchSize the mini-batch size in force for this run
     * @return the training set
     * @throws IOException when the data cannot be read
     * @throws TranslateException when the data cannot be converted
     */
    RandomAccessDataset trainingSet(int batchSize) throws IOException, TranslateException;

    /**
     * The validation set, evaluated in order, in batches of {@code batchSize}, at the end
     * of every epoch.
     * @param batchSize the mini-batch size in force for this run
     * @return the validation set
     * @throws IOException when the data cannot be read
     * @throws TranslateException when the data cannot be converted
     */
    RandomAccessDataset validationSet(int batchSize) throws IOException, TranslateException;

    /**
     * The training loss. A NaN or infinite loss stops training: the epoch step fails and
     * the job ends FAILED, keeping the previous epoch's checkpoint.
     * @return the loss
     */
    Loss loss();

    /**
     * Evaluators reported beside the loss. The first {@link Accuracy} among them gives
     * the accuracy figures (log, meters, report.json) and makes validation accuracy the
     * default way to pick the best model; without one the pipeline has no accuracy and
     * its best model is the one with the lowest validation loss. The starter adds none: a
     * classifier declares {@code List.of(new Accuracy())}, a regression leaves it out
     * (DJL's {@code Accuracy} reads 1.0 on a single output column).
     * @return new evaluators on every call, by default none
     */
    default List<Evaluator> evaluators() {
        return List.of();
    }

    /**
     * The transforms that prepare one input for the model, in order: what the pipeline's
     * datasets apply to each record (give it to the dataset builder's
     * {@code optPipeline}) and what serving applies to each request (the
     * {@code Translator}'s pipeline). Declared once here, so that a served model sees its
     * inputs prepared exactly as in training. The starter does not add it to the datasets
     * itself: they are the pipeline's.
     * @return a new pipeline on every call (DJL's {@code Pipeline} is mutable), by
     * default an empty one: the records are used as they are
     */
    default Pipeline inputPipeline() {
        return new Pipeline();
    }

}
