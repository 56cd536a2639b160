package dev.demon.spring.training;

import java.util.Iterator;
import java.util.List;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;

/**
 * A batch sampler for an epoch resumed after its first batches: it draws the epoch's
 * whole order from the sampler it wraps, exactly as the interrupted epoch did, and leaves
 * out the batches already trained without loading them.
 */
final class ResumedEpochSampler implements Sampler {

    private final Sampler batches;

    private final long trained;

    /**
     * Wraps a batch sampler.
     * @param batches the epoch's batch sampler, such as a {@code BatchSampler}
     * @param trained the batches to leave out, &gt;= 0
     */
    ResumedEpochSampler(Sampler batches, long trained) {
        this.batches = batches;
        this.trained = trained;
    }

    @Override
    public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
        Iterator<List<Long>> order = batches.sample(dataset);
        for (long batch = 0; batch < trained && order.hasNext(); batch++) {
            order.next();
        }
        return order;
    }

    @Override
    public int getBatchSize() {
        return batches.getBatchSize();
    }

}
