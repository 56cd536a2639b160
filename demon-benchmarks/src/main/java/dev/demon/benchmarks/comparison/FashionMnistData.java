package dev.demon.benchmarks.comparison;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import ai.djl.nn.Block;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * Fashion-MNIST (the bundled files, the pipelines' normalisation), read once and shared
 * by every cell: cells only read from it, each drawing its own batches.
 */
public class FashionMnistData {

    private final FashionMnistDatasets datasets;

    private RandomAccessDataset training;

    private RandomAccessDataset test;

    /**
     * @param datasets the Fashion-MNIST files, limited to the configured numbers of
     * samples
     */
    public FashionMnistData(FashionMnistDatasets datasets) {
        this.datasets = datasets;
    }

    /**
     * The pipeline of {@code model} (its block, loss and evaluators, as the demo trains
     * it) over the shared datasets.
     * @param model the MLP or the CNN
     * @return the pipeline a cell trains
     */
    public PipelineDefinition pipeline(ModelKind model) {
        return new SharedData(model.pipeline(datasets));
    }

    private synchronized RandomAccessDataset training(PipelineDefinition pipeline) {
        if (training == null) {
            training = load(pipeline, true);
        }
        return training;
    }

    private synchronized RandomAccessDataset test(PipelineDefinition pipeline) {
        if (test == null) {
            test = load(pipeline, false);
        }
        return test;
    }

    private static RandomAccessDataset load(PipelineDefinition pipeline, boolean trainingSet) {
        try {
            // The batch size given here is unused: the training loop samples its own
            // batches.
            return trainingSet ? pipeline.trainingSet(1) : pipeline.validationSet(1);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (TranslateException e) {
            throw new IllegalStateException("Cannot read Fashion-MNIST", e);
        }
    }

    /**
     * A Fashion-MNIST pipeline whose datasets are the shared ones: both pipelines prepare
     * their images with the same input transforms, so they can share them.
     */
    private final class SharedData implements PipelineDefinition {

        private final PipelineDefinition pipeline;

        SharedData(PipelineDefinition pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public Block model() {
            return pipeline.model();
        }

        @Override
        public RandomAccessDataset trainingSet(int batchSize) {
            return training(pipeline);
        }

        @Override
        public RandomAccessDataset validationSet(int batchSize) {
            return test(pipeline);
        }

        @Override
        public Pipeline inputPipeline() {
            return pipeline.inputPipeline();
        }

        @Override
        public Loss loss() {
            return pipeline.loss();
        }

        @Override
        public List<Evaluator> evaluators() {
            return pipeline.evaluators();
        }

    }

}
