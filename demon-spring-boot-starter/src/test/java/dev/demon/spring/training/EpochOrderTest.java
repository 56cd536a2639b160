package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.RandomSampler;
import ai.djl.util.RandomUtils;
import org.junit.jupiter.api.Test;

import dev.demon.spring.testing.RegressionDataset;

/**
 * An epoch's order of samples: DJL's random permutation, drawn from the run's own
 * generator.
 */
class EpochOrderTest {

    private final RandomAccessDataset rows = RegressionDataset.of(50, 3, 8);

    @Test
    void seededWithSPlusEpochItDrawsTheOrderDjlsRandomSamplerDrawsAfterTheEngineIsSeededWithIt() {
        RandomUtils.RANDOM.setSeed(7 + 2);
        List<Long> djl = drain(new RandomSampler().sample(rows));

        assertThat(drain(EpochOrder.seeded(7, 2).sample(rows))).isEqualTo(djl);
    }

    @Test
    void itDrawsFromItsOwnGeneratorNotFromTheProcesssShared() {
        List<Long> alone = drain(EpochOrder.seeded(7, 2).sample(rows));
        EpochOrder order = EpochOrder.seeded(7, 2);
        RandomUtils.RANDOM.setSeed(12345);

        assertThat(drain(order.sample(rows))).isEqualTo(alone);
    }

    @Test
    void everySampleComesOnceInAnOrderOtherThanTheTables() {
        List<Long> order = drain(new EpochOrder(new Random(11)).sample(rows));

        assertThat(order).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 50).boxed().toList())
            .isNotEqualTo(LongStream.range(0, 50).boxed().toList());
    }

    @Test
    void theNextEpochDrawsAnotherOrder() {
        assertThat(drain(EpochOrder.seeded(7, 3).sample(rows)))
            .isNotEqualTo(drain(EpochOrder.seeded(7, 2).sample(rows)));
    }

    private static List<Long> drain(Iterator<Long> order) {
        List<Long> drawn = new ArrayList<>();
        order.forEachRemaining(drawn::add);
        return drawn;
    }

}
