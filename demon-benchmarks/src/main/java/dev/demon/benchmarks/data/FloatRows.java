package dev.demon.benchmarks.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;

/**
 * A small tabular dataset held in memory: one float vector of inputs and one float label
 * per row, as the benchmarks' synthetic workloads make them from a seed.
 */
public final class FloatRows extends RandomAccessDataset {

    private final float[][] inputs;

    private final float[] labels;

    private FloatRows(Builder builder) {
        super(builder);
        this.inputs = builder.inputs;
        this.labels = builder.labels;
    }

    /**
     * @param inputs each row's inputs
     * @param labels each row's label (a class index or a target value)
     * @param batchSize batch size of the sampler DJL's builder requires (the starter
     * draws its batches itself)
     * @return the rows
     */
    public static FloatRows of(float[][] inputs, float[] labels, int batchSize) {
        if (inputs.length != labels.length) {
            throw new IllegalArgumentException(inputs.length + " rows of inputs, " + labels.length + " labels");
        }
        Builder builder = new Builder();
        builder.inputs = inputs;
        builder.labels = labels;
        return builder.setSampling(batchSize, true).build();
    }

    @Override
    public Record get(NDManager manager, long index) {
        int row = Math.toIntExact(index);
        return new Record(new NDList(manager.create(inputs[row])),
                new NDList(manager.create(new float[] { labels[row] })));
    }

    @Override
    protected long availableSize() {
        return labels.length;
    }

    @Override
    public void prepare(Progress progress) {
        // Made before.
    }

    private static final class Builder extends BaseBuilder<Builder> {

        private float[][] inputs;

        private float[] labels;

        @Override
        protected Builder self() {
            return this;
        }

        private FloatRows build() {
            return new FloatRows(this);
        }

    }

}
