package dev.demon.spring.training;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.LongStream;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;

/**
 * An epoch's order of the training samples, drawn from a generator of the run's own: the
 * permutation DJL's {@code RandomSampler} draws (Sattolo's shuffle, Sattolo, "An
 * algorithm to generate a random cyclic permutation", Information Processing Letters 22,
 * 1986, swapping element i with one of the i before it, i from n − 1 down to 1), but not
 * from DJL's process-wide {@code RandomUtils}, which every run in the process reseeds:
 * two trials trained side by side would draw each other's orders.
 *
 * <p>
 * A generator seeded with s draws the same order as {@code RandomSampler} after
 * {@code Engine.setRandomSeed(s)}, so seeded runs keep the figures they had when the
 * order came from the engine.
 */
final class EpochOrder implements Sampler.SubSampler {

    private final Random generator;

    /**
     * An order drawn from {@code generator} when the epoch's batches are asked for.
     * @param generator the run's generator for this epoch
     */
    EpochOrder(Random generator) {
        this.generator = generator;
    }

    /**
     * The order of epoch {@code epoch} of a run seeded with {@code seed}: the same in
     * every process and whatever else the process trains.
     * @param seed {@code demon.seed}
     * @param epoch 1-based
     * @return the order
     */
    static EpochOrder seeded(int seed, int epoch) {
        return new EpochOrder(new Random(seed + epoch));
    }

    @Override
    public Iterator<Long> sample(RandomAccessDataset dataset) {
        long[] indices = LongStream.range(0, dataset.size()).toArray();
        for (int i = indices.length - 1; i > 0; i--) {
            int j = generator.nextInt(i);
            long swapped = indices[i];
            indices[i] = indices[j];
            indices[j] = swapped;
        }
        return new Iterator<>() {

            private int next;

            @Override
            public boolean hasNext() {
                return next < indices.length;
            }

            @Override
            public Long next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return indices[next++];
            }

        };
    }

}
