package dev.demon.benchmarks.comparison;

import java.util.Locale;

import ai.djl.nn.Block;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.pipeline.FashionMnistCnn;
import dev.demon.fashionmnist.pipeline.FashionMnistMlp;
import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * The demo's two Fashion-MNIST models, the "MLP" and "CNN" of the comparison's settings.
 */
public enum ModelKind {

    /** {@link FashionMnistMlp}: 784-256-10 with ReLU. */
    MLP,

    /**
     * {@link FashionMnistCnn}: two convolution blocks with batch normalisation, dense
     * 256, dropout.
     */
    CNN;

    /**
     * The model's training pipeline.
     * @param datasets where its data come from
     * @return the pipeline
     */
    public PipelineDefinition pipeline(FashionMnistDatasets datasets) {
        return switch (this) {
            case MLP -> new FashionMnistMlp(datasets);
            case CNN -> new FashionMnistCnn(datasets);
        };
    }

    /**
     * A new, uninitialised block of the demo's model (the pipelines' {@code model()}
     * needs no data).
     * @return the block
     */
    public Block newBlock() {
        return pipeline(null).model();
    }

    /**
     * @return {@code mlp} or {@code cnn}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

}
