package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.StandardEnvironment;

import dev.demon.spring.autoconfigure.ConfigurationChangedFailureAnalyzer;
import dev.demon.spring.autoconfigure.DemonPropertiesFailureAnalyzer;
import dev.demon.spring.autoconfigure.InvalidSweepFailureAnalyzer;

/**
 * Every sweep definition that cannot run stops start-up before anything trains, with a
 * failure analysis naming the property, its value and why; so does resuming a sweep whose
 * definition changed.
 */
class SweepRefusalsTest {

    private static final String GRID = "--demon.sweeps.lr.parameters.learning-rate.initial=0.01,0.05";

    @TempDir
    Path folder;

    static Stream<Arguments> refusals() {
        String manySeeds = IntStream.rangeClosed(1, 101).mapToObj(Integer::toString).collect(Collectors.joining(","));
        String manyRates = IntStream.rangeClosed(1, 100)
            .mapToObj(rate -> Float.toString(rate / 1000f))
            .collect(Collectors.joining(","));
        return Stream.of(
                Arguments.of(new String[] { "--demon.sweeps.lr.pipeline=swept-regresion", GRID },
                        "demon.sweeps.lr.pipeline = \"swept-regresion\": is no pipeline; the closest is "
                                + "swept-regression; pipelines: swept-regression"),
                Arguments.of(new String[] { "--demon.sweeps.lr.parameters.learning-rat.initial=0.01" },
                        "demon.sweeps.lr.parameters.learning-rat.initial = \"0.01\": is not a training property; "
                                + "the closest one is learning-rate.initial"),
                Arguments.of(new String[] { "--demon.sweeps.lr.parameters.momentum.beta-init=0.5,1.5" },
                        "demon.sweeps.lr.parameters.momentum.beta-init = \"1.5\": must be in [0, 1)"),
                Arguments.of(new String[] { "--demon.sweeps.lr.variants.slow.momentum.beta-init=1.5", GRID },
                        "demon.sweeps.lr.variants.slow.momentum.beta-init = \"1.5\": must be in [0, 1)"),
                Arguments.of(new String[] { "--demon.sweeps.lr.variants.slow.learning-rate.initial=0.001", GRID },
                        "demon.sweeps.lr.variants.slow.learning-rate.initial = \"0.001\": is swept too"),
                Arguments.of(new String[] { "--demon.sweeps.lr.search=random", GRID }, "demon.sweeps.lr.trials"),
                Arguments.of(
                        new String[] { "--demon.sweeps.lr.parameters.learning-rate.initial=log-uniform(0.001, 0.3)" },
                        "demon.sweeps.lr.parameters.learning-rate.initial"),
                Arguments.of(
                        new String[] { "--demon.sweeps.lr.search=random", "--demon.sweeps.lr.trials=2",
                                "--demon.sweeps.lr.parameters.learning-rate.initial=uniform(0.3, 0.001)" },
                        "demon.sweeps.lr.parameters.learning-rate.initial"),
                Arguments.of(
                        new String[] { "--demon.sweeps.lr.search=random", "--demon.sweeps.lr.trials=2",
                                "--demon.sweeps.lr.parameters.learning-rate.initial=log-uniform(0, 0.3)" },
                        "demon.sweeps.lr.parameters.learning-rate.initial"),
                Arguments.of(new String[] { "--demon.sweeps.lr.parameters.seed=" + manySeeds,
                        "--demon.sweeps.lr.parameters.learning-rate.initial=" + manyRates }, "10100"),
                Arguments.of(new String[] { GRID, "--demon.sweeps.lr.objective=validation-accuracy" },
                        "demon.sweeps.lr.objective = \"validation-accuracy\": pipeline swept-regression has no "
                                + "accuracy evaluator"),
                Arguments.of(
                        new String[] { GRID, "--demon.sweeps.lr.pruning=median",
                                "--demon.sweeps.lr.pruning-warmup-epochs=3" },
                        "demon.sweeps.lr.pruning-warmup-epochs = \"3\": must be shorter than the 3 epochs of "
                                + "trial-0001"),
                Arguments.of(new String[] { GRID, "--demon.sweeps.lr.concurrency=0" },
                        "demon.sweeps.lr.concurrency = \"0\""),
                Arguments.of(new String[] { GRID, "--demon.sweeps.lr.pipline=swept-regression" },
                        "demon.sweeps.lr.pipline = \"swept-regression\""
                                + " (\"demon.sweeps.lr.pipline\" from property source \"commandLineArgs\"): is not a "
                                + "Demon property; the closest one is demon.sweeps.lr.pipeline"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void badDefinitionIsRefusedByPropertyBeforeAnythingTrains(String[] properties, String expected) {
        int trainings = SweptRegression.trainings.get();
        Throwable failure = catchThrowable(() -> SweepRun.start(folder, properties));
        assertThat(analysis(failure).getDescription()).contains(expected);
        assertThat(SweptRegression.trainings.get()).isEqualTo(trainings);
    }

    @Test
    void sweepNamedLikeAPipelineIsRefused() {
        Throwable failure = catchThrowable(() -> SweepRun.run(folder, context -> {
        }, "--demon.sweeps.swept-regression.pipeline=swept-regression",
                "--demon.sweeps.swept-regression.parameters.seed=1,2"));
        assertThat(analysis(failure).getDescription())
            .contains("demon.sweeps.swept-regression.pipeline = \"swept-regression\": the sweep is named like the "
                    + "pipeline swept-regression");
    }

    @Test
    void unfinishedSweepWithAnotherDefinitionIsRefusedNamingTheChange() {
        SweptRegression.onEvaluation = evaluation -> {
            throw new IllegalStateException("injected fault");
        };
        try {
            SweepRun.start(folder, GRID);
        }
        finally {
            SweptRegression.onEvaluation = evaluation -> {
            };
        }
        int trainings = SweptRegression.trainings.get();
        Throwable failure = catchThrowable(
                () -> SweepRun.start(folder, "--demon.sweeps.lr.parameters.learning-rate.initial=0.01,0.1"));
        FailureAnalysis analysis = new ConfigurationChangedFailureAnalyzer(new StandardEnvironment()).analyze(failure);
        assertThat(analysis.getDescription()).contains("The unfinished run of job lr")
            .contains("demon.sweeps.lr.parameters.learning-rate.initial: 0.01,0.05 when the run started, "
                    + "0.01,0.1 now");
        assertThat(SweptRegression.trainings.get()).isEqualTo(trainings);
    }

    private static FailureAnalysis analysis(Throwable failure) {
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = new InvalidSweepFailureAnalyzer().analyze(failure);
        if (analysis == null) {
            analysis = new DemonPropertiesFailureAnalyzer().analyze(failure);
        }
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }

}
