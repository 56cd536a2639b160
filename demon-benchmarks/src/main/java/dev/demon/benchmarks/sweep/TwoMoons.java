package dev.demon.benchmarks.sweep;

import java.util.Random;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;

/**
 * Two interleaved half circles in the plane, made from a seed in memory (scikit-learn's
 * {@code make_moons}): half the points on the upper moon (cos t, sin t), class 0, half on
 * the lower one (1 − cos t, 0.5 − sin t), class 1, t uniform in [0, π], each coordinate
 * with Gaussian noise of σ = 0.1. A small tabular classification that no straight line
 * separates; nothing is read or downloaded.
 */
public final class TwoMoons extends RandomAccessDataset {

    private static final double NOISE = 0.1;

    private final float[][] points;

    private final float[] classes;

    private TwoMoons(Builder builder) {
        super(builder);
        Random random = new Random(builder.seed);
        points = new float[builder.size][];
        classes = new float[builder.size];
        for (int i = 0; i < builder.size; i++) {
            double t = Math.PI * random.nextDouble();
            boolean lower = i % 2 == 1;
            double x = lower ? 1 - Math.cos(t) : Math.cos(t);
            double y = lower ? 0.5 - Math.sin(t) : Math.sin(t);
            points[i] = new float[] { (float) (x + NOISE * random.nextGaussian()),
                    (float) (y + NOISE * random.nextGaussian()) };
            classes[i] = lower ? 1 : 0;
        }
    }

    /**
     * @param size points, alternately from the upper and the lower moon
     * @param seed seed of the angles and the noise
     * @param batchSize batch size of the sampler DJL's builder requires (the starter
     * draws its batches itself)
     * @return the points and their classes
     */
    public static TwoMoons of(int size, long seed, int batchSize) {
        Builder builder = new Builder();
        builder.size = size;
        builder.seed = seed;
        return builder.setSampling(batchSize, true).build();
    }

    @Override
    public Record get(NDManager manager, long index) {
        int point = Math.toIntExact(index);
        return new Record(new NDList(manager.create(points[point])),
                new NDList(manager.create(new float[] { classes[point] })));
    }

    @Override
    protected long availableSize() {
        return classes.length;
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

        private TwoMoons build() {
            return new TwoMoons(this);
        }

    }

}
