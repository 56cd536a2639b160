package dev.demon.benchmarks.earlystopping;

import java.util.List;
import java.util.Random;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;

import dev.demon.benchmarks.data.FloatRows;
import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * A small tabular regression that overfits, made from a seed in memory: 8 standard normal
 * features x, the target y = x0 + 0.5·x1² − x2·x3 + sin(2·x4) + ε with ε ~ N(0, 0.5²),
 * 256 training and 1024 validation rows, an 8→64→64→1 ReLU MLP and the L2 loss, without
 * evaluators (its monitor is the validation loss). Few noisy rows and a wide model: the
 * validation loss turns up after some epochs, which is what early stopping is for.
 */
public final class TabularRegression implements PipelineDefinition {

    /** Features per row. */
    static final int FEATURES = 8;

    private static final double NOISE = 0.5;

    @Override
    public Block model() {
        return new SequentialBlock().add(Linear.builder().setUnits(64).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(64).build())
            .add(Activation.reluBlock())
            .add(Linear.builder().setUnits(1).build());
    }

    @Override
    public RandomAccessDataset trainingSet(int batchSize) {
        return rows(256, 1, batchSize);
    }

    @Override
    public RandomAccessDataset validationSet(int batchSize) {
        return rows(1024, 2, batchSize);
    }

    @Override
    public Loss loss() {
        return Loss.l2Loss();
    }

    @Override
    public List<Evaluator> evaluators() {
        return List.of();
    }

    /**
     * The rows of one seed.
     * @param size rows
     * @param seed seed of the features and the noise
     * @param batchSize batch size of DJL's sampler
     * @return the rows
     */
    static FloatRows rows(int size, long seed, int batchSize) {
        Random random = new Random(seed);
        float[][] features = new float[size][FEATURES];
        float[] targets = new float[size];
        for (int i = 0; i < size; i++) {
            float[] x = features[i];
            for (int j = 0; j < FEATURES; j++) {
                x[j] = (float) random.nextGaussian();
            }
            targets[i] = (float) (x[0] + 0.5 * x[1] * x[1] - x[2] * x[3] + Math.sin(2 * x[4])
                    + NOISE * random.nextGaussian());
        }
        return FloatRows.of(features, targets, batchSize);
    }

}
