package dev.demon.benchmarks.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ai.djl.Model;
import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;

import dev.demon.fashionmnist.pipeline.FashionMnistCnn;

/**
 * A DJL trainer of the demo's CNN whose parameters hold the gradients of one real batch
 * (random images and labels, 128 of them): what {@link Trainer#step()} updates after
 * every batch of the demo's training. On MXNet, DJL routes that update through its
 * parameter server (a KVStore), which pushes every gradient to its own copy of the
 * parameter, runs the optimizer there and pulls the result back into the model's array.
 */
public final class CnnTrainer implements AutoCloseable {

    private final Model model;

    private final Trainer trainer;

    private final List<String> ids = new ArrayList<>();

    private final List<NDArray> weights = new ArrayList<>();

    private final List<NDArray> gradients = new ArrayList<>();

    /**
     * @param optimizer the optimizer of {@link Trainer#step()}
     * @param seed seeds the initial parameters and the batch
     */
    public CnnTrainer(Optimizer optimizer, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        model = Model.newInstance("cnn");
        model.setBlock(new FashionMnistCnn(null).model());
        Shape input = new Shape(128, 1, FashionMnist.IMAGE_HEIGHT, FashionMnist.IMAGE_WIDTH);
        trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer));
        trainer.initialize(input);
        NDManager manager = trainer.getManager();
        NDArray images = manager.randomNormal(0f, 1f, input, DataType.FLOAT32);
        NDArray labels = manager.randomInteger(0, FashionMnist.NUM_CLASSES, new Shape(128), DataType.INT32);
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(new NDList(images));
            collector.backward(trainer.getLoss().evaluate(new NDList(labels), predictions));
        }
        for (Pair<String, Parameter> entry : model.getBlock().getParameters()) {
            Parameter parameter = entry.getValue();
            if (parameter.requiresGradient()) {
                // With one device the trainer computes with the parameter's own array.
                ids.add(parameter.getId());
                weights.add(parameter.getArray());
                gradients.add(parameter.getArray().getGradient());
            }
        }
    }

    /**
     * @return the trainer, whose {@code step()} updates every parameter
     */
    public Trainer trainer() {
        return trainer;
    }

    /**
     * @return the parameters' ids, in the order of {@link #weights()}
     */
    public List<String> ids() {
        return Collections.unmodifiableList(ids);
    }

    /**
     * @return the parameters' arrays, as the model computes with them
     */
    public List<NDArray> weights() {
        return Collections.unmodifiableList(weights);
    }

    /**
     * @return their gradients from the batch
     */
    public List<NDArray> gradients() {
        return Collections.unmodifiableList(gradients);
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }

}
