package dev.demon.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;

import java.util.Random;

/**
 * Two parameters of a toy model with reproducible random initial values and gradients,
 * fed to an optimizer update by update. The same numbers are available as {@code float[]}
 * for the reference.
 */
final class ParameterSet implements AutoCloseable {

    static final Shape[] SHAPES = { new Shape(4, 5), new Shape(7) };

    private final NDManager manager = NDManager.newBaseManager();

    private final String[] ids;

    private final NDArray[] weights = new NDArray[SHAPES.length];

    private final long seed;

    ParameterSet(long seed, String... ids) {
        this.seed = seed;
        this.ids = ids;
        for (int p = 0; p < SHAPES.length; p++) {
            weights[p] = manager.create(initialWeights(p), SHAPES[p]);
        }
    }

    /** The initial values of parameter {@code p}, uniform in [−1, 1). */
    float[] initialWeights(int p) {
        return uniform(new Random(seed * 31 + p), SHAPES[p].size(), 1f);
    }

    /**
     * The gradient of parameter {@code p} at update {@code update}, uniform in [−2, 2).
     */
    float[] gradient(int p, int update) {
        return uniform(new Random(seed * 1_000_003L + update * 31L + p + 7), SHAPES[p].size(), 2f);
    }

    /**
     * Runs updates {@code from} to {@code to − 1} on every parameter, in a fixed order.
     */
    void train(Optimizer optimizer, int from, int to) {
        for (int update = from; update < to; update++) {
            for (int p = 0; p < weights.length; p++) {
                try (NDArray grad = manager.create(gradient(p, update), SHAPES[p])) {
                    optimizer.update(ids[p], weights[p], grad);
                }
            }
        }
    }

    float[] weights(int p) {
        return weights[p].toFloatArray();
    }

    void setWeights(int p, float[] values) {
        weights[p].set(values);
    }

    int size() {
        return weights.length;
    }

    String id(int p) {
        return ids[p];
    }

    NDManager manager() {
        return manager;
    }

    private static float[] uniform(Random random, long size, float bound) {
        float[] values = new float[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextFloat() * 2 - 1) * bound;
        }
        return values;
    }

    @Override
    public void close() {
        manager.close();
    }

}
