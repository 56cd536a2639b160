package dev.demon.benchmarks.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Both sides of the sweep benchmarks train the same trials: the sweep's grid lists the
 * learning rates the single jobs set one by one, with the same shared properties.
 */
class SweepWorkloadTest {

    private final SweepWorkload workload = new SweepWorkload(TwoMoonsMlp.NAME, 3, 20, 2000);

    private final Path folder = Path.of("jobs");

    @Test
    void learningRatesAreLogSpacedFromOneHundredthToOneTenth() {
        assertThat(List.of(workload.learningRate(0), workload.learningRate(1), workload.learningRate(2)))
            .containsExactly("0.0100", "0.0316", "0.1000");
    }

    @Test
    void theSweepGridsTheLearningRatesTheSingleJobsSet() {
        assertThat(workload.sweepArguments(folder, 2)).contains("--spring.batch.job.name=two-moons-sweep",
                "--demon.sweeps.two-moons-sweep.pipeline=two-moons",
                "--demon.sweeps.two-moons-sweep.parameters.learning-rate.initial=0.0100,0.0316,0.1000",
                "--demon.sweeps.two-moons-sweep.concurrency=2", "--demon.epochs=20", "--demon.seed=42",
                "--sweeps.two-moons.training-points=2000");
        assertThat(workload.singleArguments(folder, 1))
            .contains("--spring.batch.job.name=two-moons", "--demon.pipelines.two-moons.learning-rate.initial=0.0316",
                    "--demon.epochs=20", "--demon.seed=42", "--sweeps.two-moons.training-points=2000")
            .noneMatch(argument -> argument.startsWith("--demon.sweeps."));
    }

    @Test
    void theWarmUpTrainsOneEpoch() {
        assertThat(workload.warmUpArguments(folder)).filteredOn(argument -> argument.startsWith("--demon.epochs="))
            .containsExactly("--demon.epochs=1");
    }

    @Test
    void theFashionMnistWorkloadLimitsTheDemosData() {
        assertThat(new SweepWorkload(SweepWorkload.FASHION_MNIST_MLP, 2, 5, 20000).shared())
            .contains("--demo.data.training-samples=20000", "--demo.data.validation-samples=4000");
    }

    @Test
    void anUnknownPipelineOrASingleTrialIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SweepWorkload("fashion-mnist-cnn", 2, 1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new SweepWorkload(TwoMoonsMlp.NAME, 1, 1, 1));
    }

}
