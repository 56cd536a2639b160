package dev.demon.benchmarks.sweep;

import java.util.Random;

import dev.demon.benchmarks.data.FloatRows;

/**
 * Two interleaved half circles in the plane, made from a seed in memory (scikit-learn's
 * {@code make_moons}): half the points on the upper moon (cos t, sin t), class 0, half on
 * the lower one (1 − cos t, 0.5 − sin t), class 1, t uniform in [0, π], each coordinate
 * with Gaussian noise of σ = 0.1. A small tabular classification that no straight line
 * separates; nothing is read or downloaded.
 */
public final class TwoMoons {

    private static final double NOISE = 0.1;

    private TwoMoons() {
    }

    /**
     * @param size points, alternately from the upper and the lower moon
     * @param seed seed of the angles and the noise
     * @param batchSize batch size of the sampler DJL's builder requires (the starter
     * draws its batches itself)
     * @return the points and their classes
     */
    public static FloatRows of(int size, long seed, int batchSize) {
        Random random = new Random(seed);
        float[][] points = new float[size][];
        float[] classes = new float[size];
        for (int i = 0; i < size; i++) {
            double t = Math.PI * random.nextDouble();
            boolean lower = i % 2 == 1;
            double x = lower ? 1 - Math.cos(t) : Math.cos(t);
            double y = lower ? 0.5 - Math.sin(t) : Math.sin(t);
            points[i] = new float[] { (float) (x + NOISE * random.nextGaussian()),
                    (float) (y + NOISE * random.nextGaussian()) };
            classes[i] = lower ? 1 : 0;
        }
        return FloatRows.of(points, classes, batchSize);
    }

}
