package dev.demon.benchmarks.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmarks' workload is the demo CNN's trainable parameter set. */
class CnnParameterSetTest {

    @Test
    void holdsTheTenTrainableTensorsOfTheDemoCnn() {
        try (CnnParameterSet parameters = new CnnParameterSet(1)) {
            assertEquals(10, parameters.weights().size());
            // conv 32·1·3·3 + BN 2·32 + conv 64·32·3·3 + BN 2·64 + dense 3136·256 + 256 + dense 256·10 + 10
            assertEquals(288 + 64 + 18_432 + 128 + 802_816 + 256 + 2_560 + 10, parameters.size());
        }
    }
}
