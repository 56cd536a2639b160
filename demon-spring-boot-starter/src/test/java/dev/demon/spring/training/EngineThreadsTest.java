package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The thread counts the engines run with, as logged at start-up. */
class EngineThreadsTest {

    @Test
    void userSetOmpNumThreadsIsKeptForMxnet() {
        assertThat(EngineThreads.describe("MXNet", Map.of("OMP_NUM_THREADS", "3")::get, 2))
            .isEqualTo("MXNet: engine and threads as the user set them (OMP_NUM_THREADS=3)");
    }

    @Test
    void userSetMxnetMaximumIsKept() {
        assertThat(EngineThreads.describe("MXNet", Map.of("MXNET_OMP_MAX_THREADS", "1")::get, 2))
            .isEqualTo("MXNet: engine and threads as the user set them (MXNET_OMP_MAX_THREADS=1)");
    }

    @Test
    void userSetEngineTypeAndThreadsAreKeptForMxnet() {
        assertThat(EngineThreads.describe("MXNet",
                Map.of("MXNET_ENGINE_TYPE", "NaiveEngine", "OMP_NUM_THREADS", "1")::get, 2))
            .isEqualTo("MXNet: engine and threads as the user set them (MXNET_ENGINE_TYPE=NaiveEngine, "
                    + "OMP_NUM_THREADS=1)");
    }

    @Test
    void mxnetRunsOnTheTrainingThreadWithOneOpenMpThreadPerProcessorDescribed() {
        assertThat(EngineThreads.describe("MXNet", name -> null, 4))
            .isEqualTo("MXNet: NaiveEngine (operators run on the thread that trains) with 4 OpenMP thread(s) per "
                    + "operator, one per processor, set by the starter (export OMP_NUM_THREADS=1 "
                    + "MXNET_ENGINE_TYPE=NaiveEngine for small models, or other MXNet threading variables, to choose "
                    + "yourself)");
    }

    @Test
    void trainingsAtOnceShareTheProcessors() {
        assertThat(EngineThreads.chosenThreads("MXNet", name -> null, 4, 2)).hasValue(2);
    }

    @Test
    void moreTrainingsAtOnceThanProcessorsGetOneThreadEach() {
        assertThat(EngineThreads.chosenThreads("MXNet", name -> null, 2, 3)).hasValue(1);
    }

    @Test
    void sharedProcessorsAreDescribed() {
        assertThat(EngineThreads.describe("MXNet", name -> null, 2, 2))
            .isEqualTo("MXNet: NaiveEngine (operators run on the thread that trains) with 1 OpenMP thread(s) per "
                    + "operator, the 2 processor(s) shared by 2 trainings at once, set by the starter (export "
                    + "OMP_NUM_THREADS=1 MXNET_ENGINE_TYPE=NaiveEngine for small models, or other MXNet threading "
                    + "variables, to choose yourself)");
    }

    @Test
    void mxnetGetsOneOpenMpThreadPerProcessor() {
        assertThat(EngineThreads.chosenThreads("MXNet", name -> null, 2)).hasValue(2);
    }

    @Test
    void mxnetIsLeftAloneWhenTheUserChoseItsThreading() {
        assertThat(EngineThreads.chosenThreads("MXNet", Map.of("OMP_NUM_THREADS", "1")::get, 2)).isEmpty();
        assertThat(EngineThreads.chosenThreads("MXNet", Map.of("MXNET_OMP_MAX_THREADS", "1")::get, 2)).isEmpty();
        assertThat(EngineThreads.chosenThreads("MXNet", Map.of("MXNET_ENGINE_TYPE", "NaiveEngine")::get, 2)).isEmpty();
        assertThat(EngineThreads.chosenThreads("MXNet", Map.of("MXNET_CPU_WORKER_NTHREADS", "2")::get, 2)).isEmpty();
    }

    @Test
    void pyTorchThreadsAreNotChosen() {
        assertThat(EngineThreads.chosenThreads("PyTorch", name -> null, 2)).isEmpty();
    }

    @Test
    void pyTorchIsLeftToItsOwnDefault() {
        assertThat(EngineThreads.describe("PyTorch", name -> null, 2))
            .isEqualTo("PyTorch: threads as the engine chooses (every core)");
    }

}
