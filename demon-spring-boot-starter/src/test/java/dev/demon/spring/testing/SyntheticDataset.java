package dev.demon.spring.testing;

import java.io.IOException;
import java.util.Random;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;

/**
 * Three Gaussian blobs in four dimensions, generated from a seed: a classification
 * problem a tiny MLP learns in a few epochs. Records are built on demand, so there is
 * nothing to close.
 */
public final class SyntheticDataset extends RandomAccessDataset {

    /** Features per record. */
    public static final int FEATURES = 4;

    /** Number of classes. */
    public static final int CLASSES = 3;

    private final float[][] features;

    private final float[] labels;

    private final FaultyReads reads;

    private SyntheticDataset(Builder builder) {
        super(builder);
        Random random = new Random(builder.seed);
        features = new float[builder.size][FEATURES];
        labels = new float[builder.size];
        for (int i = 0; i < builder.size; i++) {
            int label = i % CLASSES;
            labels[i] = label;
            for (int j = 0; j < FEATURES; j++) {
                features[i][j] = (j == label ? 2f : 0f) + (float) random.nextGaussian() * 0.7f;
            }
        }
        reads = new FaultyReads(builder.fault);
    }

    /**
     * A dataset of {@code size} records drawn with {@code seed}.
     * @param size records
     * @param seed generator seed
     * @param batchSize batch size of the sampler DJL requires (the starter samples
     * itself)
     * @param fault the fault to inject, or {@link DataFault#NONE}
     * @return the dataset
     */
    public static SyntheticDataset of(int size, long seed, int batchSize, DataFault fault) {
        Builder builder = new Builder();
        builder.size = size;
        builder.seed = seed;
        builder.fault = fault;
        return builder.setSampling(batchSize, true).build();
    }

    @Override
    public Record get(NDManager manager, long index) throws IOException {
        float[] x = reads.read(index, features[Math.toIntExact(index)]);
        return new Record(new NDList(manager.create(x)), new NDList(manager.create(labels[Math.toIntExact(index)])));
    }

    @Override
    protected long availableSize() {
        return labels.length;
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

        SyntheticDataset build() {
            return new SyntheticDataset(this);
        }

    }

}
