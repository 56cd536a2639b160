package dev.demon.benchmarks.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What the sweep benchmarks train: a pipeline, N trials differing only in their learning
 * rate (log-spaced between {@value #LOWEST_RATE} and {@value #HIGHEST_RATE}), the
 * properties every trial shares, and the command-line arguments that run the trials
 * either as one sweep ({@code demon.sweeps.<pipeline>-sweep.*}) or as single jobs of the
 * pipeline ({@code demon.pipelines.<pipeline>.*}). Every property is a command-line
 * argument, so that the sweep is declared in the same property source as the other
 * {@code demon.*} ones (docs/sweeps.md, "Known limitation").
 *
 * @param pipeline the {@code @TrainingPipeline} name: {@code two-moons}
 * ({@link TwoMoonsMlp}) or {@code fashion-mnist-mlp} (the demo's MLP on the first
 * training and test images)
 * @param trials the number of trials, at least 2
 * @param epochs epochs per trial
 * @param trainingSamples training points or images per epoch (a quarter or a fifth as
 * many validate)
 */
public record SweepWorkload(String pipeline, int trials, int epochs, int trainingSamples) {

    /** The demo's MLP pipeline. */
    public static final String FASHION_MNIST_MLP = "fashion-mnist-mlp";

    private static final double LOWEST_RATE = 0.01;

    private static final double HIGHEST_RATE = 0.1;

    /**
     * @param pipeline {@code two-moons} or {@code fashion-mnist-mlp}
     * @param trials at least 2
     * @param epochs at least 1
     * @param trainingSamples at least 1
     */
    public SweepWorkload {
        if (!TwoMoonsMlp.NAME.equals(pipeline) && !FASHION_MNIST_MLP.equals(pipeline)) {
            throw new IllegalArgumentException("no workload " + pipeline);
        }
        if (trials < 2 || epochs < 1 || trainingSamples < 1) {
            throw new IllegalArgumentException("a workload needs 2 trials, 1 epoch and 1 sample at least");
        }
    }

    /**
     * The properties every run shares: seed, epochs and data sizes.
     * @return command-line arguments
     */
    public List<String> shared() {
        List<String> shared = new ArrayList<>(List.of("--demon.seed=42", "--demon.epochs=" + epochs));
        if (TwoMoonsMlp.NAME.equals(pipeline)) {
            shared.addAll(List.of("--sweeps.two-moons.training-points=" + trainingSamples,
                    "--sweeps.two-moons.validation-points=" + Math.max(100, trainingSamples / 4)));
        }
        else {
            shared.addAll(List.of("--demo.data.training-samples=" + trainingSamples,
                    "--demo.data.validation-samples=" + Math.max(100, trainingSamples / 5)));
        }
        return shared;
    }

    /**
     * @return the sweep's (and its job's) name
     */
    public String sweepName() {
        return pipeline + "-sweep";
    }

    /**
     * @param trial 0-based
     * @return the trial's learning rate, as written in its properties
     */
    public String learningRate(int trial) {
        double rate = LOWEST_RATE * Math.pow(HIGHEST_RATE / LOWEST_RATE, (double) trial / (trials - 1));
        return String.format(Locale.ROOT, "%.4f", rate);
    }

    /**
     * The arguments of the application that runs every trial as one sweep.
     * @param folder {@code demon.checkpoint.dir}
     * @param concurrency trials trained at once
     * @return the arguments
     */
    public List<String> sweepArguments(Path folder, int concurrency) {
        String sweep = "--demon.sweeps." + sweepName() + ".";
        String rates = IntStream.range(0, trials).mapToObj(this::learningRate).collect(Collectors.joining(","));
        List<String> arguments = common(folder, sweepName());
        arguments.addAll(List.of(sweep + "pipeline=" + pipeline, sweep + "search=grid",
                sweep + "parameters.learning-rate.initial=" + rates, sweep + "concurrency=" + concurrency));
        return arguments;
    }

    /**
     * The arguments of the application that runs one trial as a single job of the
     * pipeline, with the trial's learning rate as the pipeline's own setting.
     * @param folder {@code demon.checkpoint.dir}
     * @param trial 0-based
     * @return the arguments
     */
    public List<String> singleArguments(Path folder, int trial) {
        List<String> arguments = common(folder, pipeline);
        arguments.add("--demon.pipelines." + pipeline + ".learning-rate.initial=" + learningRate(trial));
        return arguments;
    }

    /**
     * The arguments of an unmeasured single job of one epoch, which loads the engine, the
     * classes and the data before anything is timed.
     * @param folder {@code demon.checkpoint.dir}
     * @return the arguments
     */
    public List<String> warmUpArguments(Path folder) {
        List<String> arguments = singleArguments(folder, 0);
        arguments.removeIf(argument -> argument.startsWith("--demon.epochs="));
        arguments.add("--demon.epochs=1");
        return arguments;
    }

    private List<String> common(Path folder, String job) {
        List<String> arguments = new ArrayList<>(
                List.of("--demon.enabled=true", "--demon.checkpoint.dir=" + folder, "--spring.batch.job.name=" + job));
        arguments.addAll(shared());
        return arguments;
    }

}
