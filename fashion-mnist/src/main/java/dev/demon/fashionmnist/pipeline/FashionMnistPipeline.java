package dev.demon.fashionmnist.pipeline;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * What the Fashion-MNIST pipelines share: the training set to learn from, the test set to
 * validate on, how an image is prepared for the model, softmax cross-entropy over the ten
 * classes and their accuracy. Subclasses supply the model.
 */
abstract class FashionMnistPipeline implements PipelineDefinition {

    private final FashionMnistDatasets datasets;

    // DJL's prepared datasets hold their images in native memory until the JVM ends (they
    // cannot be closed), and every run asks for them: every trial of a sweep, each job of
    // a process. So each is prepared once per batch size and shared; runs only read them.
    private final Map<Integer, RandomAccessDataset> trainingSets = new HashMap<>();

    private final Map<Integer, RandomAccessDataset> validationSets = new HashMap<>();

    FashionMnistPipeline(FashionMnistDatasets datasets) {
        this.datasets = datasets;
    }

    /**
     * The training set, prepared on the first call for a batch size and the same one on
     * every later call.
     */
    @Override
    public RandomAccessDataset trainingSet(int batchSize) throws IOException, TranslateException {
        return prepared(trainingSets, batchSize, datasets::trainingSet);
    }

    /**
     * The test set, prepared on the first call for a batch size and the same one on every
     * later call.
     */
    @Override
    public RandomAccessDataset validationSet(int batchSize) throws IOException, TranslateException {
        return prepared(validationSets, batchSize, datasets::testSet);
    }

    private synchronized RandomAccessDataset prepared(Map<Integer, RandomAccessDataset> sets, int batchSize,
            Preparation preparation) throws IOException, TranslateException {
        RandomAccessDataset set = sets.get(batchSize);
        if (set == null) {
            set = preparation.prepare(batchSize, inputPipeline());
            sets.put(batchSize, set);
        }
        return set;
    }

    /**
     * Prepares one of the sets: {@link FashionMnistDatasets#trainingSet} or its test set.
     */
    @FunctionalInterface
    private interface Preparation {

        RandomAccessDataset prepare(int batchSize, Pipeline inputs) throws IOException, TranslateException;

    }

    /**
     * A {@code (28, 28, 1)} image of bytes to a {@code (1, 28, 28)} tensor in [0, 1],
     * then standardised with the training pixels' mean and deviation, (x − mean) / std:
     * for the datasets and for {@code POST /predict} alike. Written as NDArray arithmetic
     * rather than DJL's {@code Normalize}, which on PyTorch expects three channels ("The
     * NDArray size is: 3, but buffer size is: 1"), so that it runs on every engine.
     */
    @Override
    public Pipeline inputPipeline() {
        return new Pipeline(new ToTensor(),
                image -> image.sub(FashionMnistDatasets.PIXEL_MEAN).div(FashionMnistDatasets.PIXEL_STD));
    }

    @Override
    public Loss loss() {
        return Loss.softmaxCrossEntropyLoss();
    }

    /**
     * Top-1 accuracy: the log, the meters and report.json show it, and the best model is
     * the epoch with the highest validation accuracy.
     */
    @Override
    public List<Evaluator> evaluators() {
        return List.of(new Accuracy());
    }

}
