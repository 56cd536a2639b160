package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.demon.spring.testing.RegressionPipeline;
import dev.demon.spring.testing.SyntheticTrainingApplication;

/**
 * Early-stopping settings that cannot work are refused by name at start-up, before any
 * training: the synthetic pipeline (3 epochs, validation accuracy) and the regression
 * pipeline (no accuracy evaluator).
 */
@ExtendWith(OutputCaptureExtension.class)
class EarlyStoppingRefusalsTest {

    @TempDir
    Path folder;

    @Test
    void patienceBelowOneIsRefused(CapturedOutput output) {
        refusedToStart("--demon.early-stopping.patience=0");
        assertThat(output).contains("demon.early-stopping.patience = \"0\" (\"demon.early-stopping.patience\" from "
                + "property source \"commandLineArgs\"): must be >= 1");
    }

    @Test
    void negativeMinDeltaIsRefused(CapturedOutput output) {
        refusedToStart("--demon.pipelines.synthetic.early-stopping.min-delta=-0.1");
        assertThat(output).contains("demon.pipelines.synthetic.early-stopping.min-delta = \"-0.1\"")
            .contains("must be >= 0 and finite");
    }

    @Test
    void aMonitorThePipelineCannotReportIsRefused(CapturedOutput output) {
        refusedToStart(new Class<?>[] { SyntheticTrainingApplication.class, RegressionPipeline.class },
                "--spring.batch.job.name=regression",
                "--demon.pipelines.regression.early-stopping.monitor=validation-accuracy");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.pipelines.regression.early-stopping.monitor = \"validation-accuracy\": pipeline "
                    + "regression has no accuracy evaluator")
            .contains("allowed: validation-loss");
    }

    @Test
    void aDivergenceThresholdOnTheBetterSideIsRefused(CapturedOutput output) {
        refusedToStart("--demon.early-stopping.stopping-threshold=0.5",
                "--demon.early-stopping.divergence-threshold=0.9");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.early-stopping.divergence-threshold = \"0.9\": must be worse than the stopping threshold "
                    + "0.5 for validation-accuracy of pipeline synthetic (below it)");
    }

    @Test
    void anAccuracyThresholdAboveOneIsRefused(CapturedOutput output) {
        refusedToStart("--demon.early-stopping.stopping-threshold=1.5");
        assertThat(output).contains("demon.early-stopping.stopping-threshold = \"1.5\": must be in [0, 1] for "
                + "validation-accuracy of pipeline synthetic");
    }

    @Test
    void decayEpochsNotBelowTheEpochsAreRefused(CapturedOutput output) {
        refusedToStart("--demon.epochs=3", "--demon.early-stopping.decay-epochs=3");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.early-stopping.decay-epochs = \"3\": must be below the epochs of pipeline synthetic (3)");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

    @Test
    void aMisspeltKeyIsRefusedNamingTheClosestOne(CapturedOutput output) {
        refusedToStart("--demon.early-stopping.patiance=2");
        assertThat(output).contains("demon.early-stopping.patiance = \"2\" (\"demon.early-stopping.patiance\" from "
                + "property source \"commandLineArgs\"): is not a Demon property; the closest one is "
                + "demon.early-stopping.patience");
    }

    @Test
    void decayEpochsAreNotCheckedWhenEarlyStoppingIsOff(CapturedOutput output) {
        List<String> arguments = new ArrayList<>(List.of("--demon.enabled=true", "--demon.checkpoint.dir=" + folder,
                "--demon.epochs=1", "--demon.early-stopping.decay-epochs=3", "--spring.batch.job.enabled=false"));
        new SpringApplicationBuilder(SyntheticTrainingApplication.class).web(WebApplicationType.NONE)
            .run(arguments.toArray(String[]::new))
            .close();
        assertThat(output).doesNotContain("APPLICATION FAILED TO START");
    }

    private void refusedToStart(String... arguments) {
        refusedToStart(new Class<?>[] { SyntheticTrainingApplication.class }, arguments);
    }

    private void refusedToStart(Class<?>[] sources, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--demon.enabled=true", "--demon.checkpoint.dir=" + folder,
                "--demon.early-stopping.enabled=true"));
        all.addAll(List.of(arguments));
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
            .run(all.toArray(String[]::new)));
    }

}
