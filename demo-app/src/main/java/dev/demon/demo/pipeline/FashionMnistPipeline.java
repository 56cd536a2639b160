package dev.demon.demo.pipeline;

import java.io.IOException;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;

import dev.demon.demo.data.FashionMnistDatasets;
import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * What the Fashion-MNIST pipelines share: the training set to learn from, the test set to
 * validate on, softmax cross-entropy over the ten classes. Subclasses supply the model.
 */
abstract class FashionMnistPipeline implements PipelineDefinition {

    private final FashionMnistDatasets datasets;

    FashionMnistPipeline(FashionMnistDatasets datasets) {
        this.datasets = datasets;
    }

    @Override
    public RandomAccessDataset trainingSet(int batchSize) throws IOException, TranslateException {
        return datasets.trainingSet(batchSize);
    }

    @Override
    public RandomAccessDataset validationSet(int batchSize) throws IOException, TranslateException {
        return datasets.testSet(batchSize);
    }

    @Override
    public Loss loss() {
        return Loss.softmaxCrossEntropyLoss();
    }

}
