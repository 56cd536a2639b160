package dev.demon.benchmarks.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import dev.demon.fashionmnist.pipeline.FashionMnistCnn;

/**
 * The trainable parameters of the demo's CNN ({@link FashionMnistCnn#model()}: two 3×3
 * convolution blocks with batch normalisation, a 3136→256 dense layer and the 10-way
 * classifier), initialised as the demo initialises them, each with a fixed random
 * gradient: the workload of one optimizer update in the demo's training.
 */
public final class CnnParameterSet implements AutoCloseable {

    private final NDManager manager;

    private final List<String> ids = new ArrayList<>();

    private final List<NDArray> weights = new ArrayList<>();

    private final List<NDArray> gradients = new ArrayList<>();

    /**
     * Builds and initialises the model.
     * @param seed seeds the engine for the initial values and the gradients
     */
    public CnnParameterSet(int seed) {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(seed);
        Block block = new FashionMnistCnn(null).model();
        block.initialize(manager, DataType.FLOAT32,
                new Shape(1, 1, FashionMnist.IMAGE_HEIGHT, FashionMnist.IMAGE_WIDTH));
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            if (parameter.requiresGradient()) {
                NDArray weight = parameter.getArray();
                ids.add(parameter.getId());
                weights.add(weight);
                // Gradients of the scale a training step sees: N(0, 0.01²).
                gradients.add(manager.randomNormal(0f, 0.01f, weight.getShape(), DataType.FLOAT32));
            }
        }
    }

    /**
     * Returns the parameter ids, in the block's order.
     * @return the ids
     */
    public List<String> ids() {
        return Collections.unmodifiableList(ids);
    }

    /**
     * Returns the parameters' arrays, updated in place by optimizers.
     * @return the weights
     */
    public List<NDArray> weights() {
        return Collections.unmodifiableList(weights);
    }

    /**
     * Returns one gradient per parameter.
     * @return the gradients
     */
    public List<NDArray> gradients() {
        return Collections.unmodifiableList(gradients);
    }

    /**
     * Returns the number of values over all parameters.
     * @return the parameter count
     */
    public long size() {
        return weights.stream().mapToLong(NDArray::size).sum();
    }

    @Override
    public void close() {
        manager.close();
    }

}
