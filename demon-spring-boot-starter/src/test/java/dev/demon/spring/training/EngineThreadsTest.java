package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The thread counts the engines run with, as logged at start-up. */
class EngineThreadsTest {

    @Test
    void userSetOmpNumThreadsIsKeptForMxnet() {
        assertThat(EngineThreads.describe("MXNet", Map.of("OMP_NUM_THREADS", "3")::get, 2))
            .isEqualTo("MXNet: 3 OpenMP threads per operator (OMP_NUM_THREADS set by the user)");
    }

    @Test
    void userSetMxnetMaximumIsKept() {
        assertThat(EngineThreads.describe("MXNet", Map.of("MXNET_OMP_MAX_THREADS", "1")::get, 2))
            .isEqualTo("MXNet: at most 1 OpenMP threads per operator (MXNET_OMP_MAX_THREADS set by the user)");
    }

    @Test
    void mxnetKeepsItsOwnDefaultOfHalfTheProcessors() {
        assertThat(EngineThreads.describe("MXNet", name -> null, 2)).isEqualTo(
                "MXNet: 1 OpenMP thread(s) per operator, MXNet's own default for 2 processors (export OMP_NUM_THREADS "
                        + "to choose another count)");
    }

    @Test
    void pyTorchIsLeftToItsOwnDefault() {
        assertThat(EngineThreads.describe("PyTorch", name -> null, 2))
            .isEqualTo("PyTorch: threads as the engine chooses (every core)");
    }

}
