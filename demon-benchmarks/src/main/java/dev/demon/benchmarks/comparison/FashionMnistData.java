package dev.demon.benchmarks.comparison;

import java.io.IOException;
import java.io.UncheckedIOException;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;

import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * The demo's Fashion-MNIST (bundled files, its normalisation), read once and shared by
 * every cell: cells only read from it, each drawing its own batches.
 */
public class FashionMnistData {

    private final PipelineDefinition pipeline;

    private RandomAccessDataset training;

    private RandomAccessDataset test;

    /**
     * @param pipeline a demo pipeline, whose datasets (limited to the configured numbers
     * of samples) and input transforms are used; the demo's two pipelines share both
     */
    public FashionMnistData(PipelineDefinition pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * @return the training images
     */
    public synchronized RandomAccessDataset training() {
        if (training == null) {
            training = load(true);
        }
        return training;
    }

    /**
     * @return the test images
     */
    public synchronized RandomAccessDataset test() {
        if (test == null) {
            test = load(false);
        }
        return test;
    }

    private RandomAccessDataset load(boolean trainingSet) {
        try {
            // The batch size given here is unused: every cell samples with its own
            // BatchSampler.
            return trainingSet ? pipeline.trainingSet(1) : pipeline.validationSet(1);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (TranslateException e) {
            throw new IllegalStateException("Cannot read Fashion-MNIST", e);
        }
    }

}
