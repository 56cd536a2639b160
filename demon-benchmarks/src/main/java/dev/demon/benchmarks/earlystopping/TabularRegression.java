package dev.demon.benchmarks.earlystopping;

import java.util.List;
import java.util.Random;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.util.Progress;

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
        return Rows.of(256, 1, batchSize);
    }

    @Override
    public RandomAccessDataset validationSet(int batchSize) {
        return Rows.of(1024, 2, batchSize);
    }

    @Override
    public Loss loss() {
        return Loss.l2Loss();
    }

    @Override
    public List<Evaluator> evaluators() {
        return List.of();
    }

    /** The rows of one seed. */
    static final class Rows extends RandomAccessDataset {

        private final float[][] features;

        private final float[] targets;

        private Rows(Builder builder) {
            super(builder);
            Random random = new Random(builder.seed);
            features = new float[builder.size][FEATURES];
            targets = new float[builder.size];
            for (int i = 0; i < builder.size; i++) {
                float[] x = features[i];
                for (int j = 0; j < FEATURES; j++) {
                    x[j] = (float) random.nextGaussian();
                }
                targets[i] = (float) (x[0] + 0.5 * x[1] * x[1] - x[2] * x[3] + Math.sin(2 * x[4])
                        + NOISE * random.nextGaussian());
            }
        }

        static Rows of(int size, long seed, int batchSize) {
            Builder builder = new Builder();
            builder.size = size;
            builder.seed = seed;
            return builder.setSampling(batchSize, true).build();
        }

        @Override
        public Record get(NDManager manager, long index) {
            int row = Math.toIntExact(index);
            return new Record(new NDList(manager.create(features[row])),
                    new NDList(manager.create(new float[] { targets[row] })));
        }

        @Override
        protected long availableSize() {
            return targets.length;
        }

        @Override
        public void prepare(Progress progress) {
            // Made in the constructor.
        }

        private static final class Builder extends BaseBuilder<Builder> {

            private int size;

            private long seed;

            @Override
            protected Builder self() {
                return this;
            }

            private Rows build() {
                return new Rows(this);
            }

        }

    }

}
