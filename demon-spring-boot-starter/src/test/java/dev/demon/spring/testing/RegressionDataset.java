package dev.demon.spring.testing;

import java.io.IOException;
import java.util.Random;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;

/**
 * A table of numbers to fit, generated from a seed: four Gaussian features per row and a
 * target y = 1.5·x0 − 2·x1 + 0.5·x2·x3 + 0.3 + noise (σ = 0.1), one label per row. A
 * regression, unlike the demo's images: one output, no classes, no accuracy.
 */
public final class RegressionDataset extends RandomAccessDataset {

    /** Features per row. */
    public static final int FEATURES = 4;

    private final float[][] features;

    private final float[] targets;

    private final FaultyReads reads;

    private RegressionDataset(Builder builder) {
        super(builder);
        Random random = new Random(builder.seed);
        features = new float[builder.size][FEATURES];
        targets = new float[builder.size];
        for (int i = 0; i < builder.size; i++) {
            float[] x = features[i];
            for (int j = 0; j < FEATURES; j++) {
                x[j] = (float) random.nextGaussian();
            }
            targets[i] = 1.5f * x[0] - 2f * x[1] + 0.5f * x[2] * x[3] + 0.3f + (float) random.nextGaussian() * 0.1f;
        }
        reads = new FaultyReads(builder.fault);
    }

    /**
     * A table of {@code size} rows drawn with {@code seed}.
     * @param size rows
     * @param seed generator seed
     * @param batchSize batch size of the sampler DJL requires (the starter samples
     * itself)
     * @return the dataset
     */
    public static RegressionDataset of(int size, long seed, int batchSize) {
        return of(size, seed, batchSize, DataFault.NONE);
    }

    /**
     * A table of {@code size} rows drawn with {@code seed}, one of whose reads goes
     * wrong.
     * @param size rows
     * @param seed generator seed
     * @param batchSize batch size of the sampler DJL requires
     * @param fault the fault to inject, or {@link DataFault#NONE}
     * @return the dataset
     */
    public static RegressionDataset of(int size, long seed, int batchSize, DataFault fault) {
        Builder builder = new Builder();
        builder.size = size;
        builder.seed = seed;
        builder.fault = fault;
        return builder.setSampling(batchSize, true).build();
    }

    @Override
    public Record get(NDManager manager, long index) throws IOException {
        int row = Math.toIntExact(index);
        return new Record(new NDList(manager.create(reads.read(index, features[row]))),
                new NDList(manager.create(new float[] { targets[row] })));
    }

    @Override
    protected long availableSize() {
        return targets.length;
    }

    @Override
    public void prepare(Progress progress) {
        // Generated in the constructor.
    }

    private static final class Builder extends BaseBuilder<Builder> {

        int size;

        long seed;

        DataFault fault = DataFault.NONE;

        @Override
        protected Builder self() {
            return this;
        }

        RegressionDataset build() {
            return new RegressionDataset(this);
        }

    }

}
