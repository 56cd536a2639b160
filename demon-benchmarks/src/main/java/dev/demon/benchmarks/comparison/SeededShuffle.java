package dev.demon.benchmarks.comparison;

import java.util.Iterator;
import java.util.Random;
import java.util.stream.LongStream;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;

/**
 * A random permutation of the dataset drawn from its own seeded generator (Fisher–Yates),
 * unlike DJL's {@code RandomSampler}, which draws from the engine's one global generator:
 * cells trained on parallel threads each get the order their seed decides.
 */
final class SeededShuffle implements Sampler.SubSampler {

    private final long seed;

    SeededShuffle(long seed) {
        this.seed = seed;
    }

    @Override
    public Iterator<Long> sample(RandomAccessDataset dataset) {
        long[] indices = LongStream.range(0, dataset.size()).toArray();
        Random random = new Random(seed);
        for (int i = indices.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        return LongStream.of(indices).iterator();
    }

}
