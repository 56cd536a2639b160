package dev.demon.benchmarks.comparison;

import java.io.IOException;
import java.io.UncheckedIOException;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.translate.TranslateException;

import dev.demon.demo.data.FashionMnistDatasets;

/**
 * The demo's Fashion-MNIST (bundled files, its normalisation), read once and shared by
 * every cell: cells only read from it, each drawing its own batches.
 */
public class FashionMnistData {

    private final FashionMnistDatasets datasets;

    private RandomAccessDataset training;

    private RandomAccessDataset test;

    /**
     * @param datasets the demo's loader, limited to the configured numbers of samples
     */
    public FashionMnistData(FashionMnistDatasets datasets) {
        this.datasets = datasets;
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
            return trainingSet ? datasets.trainingSet(1) : datasets.testSet(1);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (TranslateException e) {
            throw new IllegalStateException("Cannot read Fashion-MNIST", e);
        }
    }

}
