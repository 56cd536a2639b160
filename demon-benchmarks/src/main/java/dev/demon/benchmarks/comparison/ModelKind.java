package dev.demon.benchmarks.comparison;

import java.util.Locale;

import ai.djl.nn.Block;

import dev.demon.demo.pipeline.FashionMnistCnn;
import dev.demon.demo.pipeline.FashionMnistMlp;

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
     * A new, uninitialised block of the demo's model (the pipelines' {@code model()}
     * needs no data).
     * @return the block
     */
    public Block newBlock() {
        return switch (this) {
            case MLP -> new FashionMnistMlp(null).model();
            case CNN -> new FashionMnistCnn(null).model();
        };
    }

    /**
     * @return {@code mlp} or {@code cnn}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

}
