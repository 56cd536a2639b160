package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.nio.file.Path;

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
 * A bad value stops the application as a user starts it, before any training, and says
 * why.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationStartUpTest {

    private static final Class<?>[] TWO_PIPELINES = { SyntheticTrainingApplication.class, RegressionPipeline.class };

    @TempDir
    Path folder;

    @Test
    void applicationFailsToStartWithTheFailureAnalysis(CapturedOutput output) {
        refusedToStart("--demon.enabled=true", "--demon.checkpoint.dir=" + folder, "--demon.momentum.beta-init=1.2");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.momentum.beta-init = \"1.2\" (\"demon.momentum.beta-init\" from property source "
                    + "\"commandLineArgs\"): must be in [0, 1)");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

    @Test
    void unknownEngineIsRefusedNamingTheEnginesThereAre(CapturedOutput output) {
        refusedToStart("--demon.enabled=true", "--demon.checkpoint.dir=" + folder, "--demon.engine=tensorflow");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.engine = \"tensorflow\" (\"demon.engine\" from property source \"commandLineArgs\"): "
                    + "must be one of mxnet, pytorch");
    }

    @Test
    void engineNotOnTheClassPathIsRefusedNamingTheEnginesThatAre(CapturedOutput output) {
        refusedToStart("--demon.enabled=true", "--demon.checkpoint.dir=" + folder, "--demon.engine=pytorch");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains(String.format("demon.engine = \"pytorch\" selects the DJL engine PyTorch, which is not on the "
                    + "class path.%nEngines on the class path: MXNet."))
            .contains("Set demon.engine=mxnet, or add the engine's artefacts to the application");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

    @Test
    void misspelledPropertyIsRefusedNamingTheClosestOne(CapturedOutput output) {
        refusedToStart("--demon.enabled=true", "--demon.checkpoint.dir=" + folder, "--demon.optimiser=adam");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.optimiser = \"adam\" (\"demon.optimiser\" from property source \"commandLineArgs\"): "
                    + "is not a Demon property; the closest one is demon.optimizer");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

    @Test
    void severalPipelinesAndNoJobNameAreRefusedListingThePipelines(CapturedOutput output) {
        refusedToStart(TWO_PIPELINES, "--demon.enabled=true", "--demon.checkpoint.dir=" + folder);
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("There are several jobs to run at start-up and spring.batch.job.name does not say which. "
                    + "Jobs: regression, synthetic.")
            .contains("Set spring.batch.job.name to one of the jobs (regression, synthetic)");
        assertThat(folder.resolve("synthetic")).doesNotExist();
        assertThat(folder.resolve("regression")).doesNotExist();
    }

    @Test
    void misspelledJobNameIsRefusedListingThePipelines(CapturedOutput output) {
        refusedToStart(TWO_PIPELINES, "--demon.enabled=true", "--demon.checkpoint.dir=" + folder,
                "--spring.batch.job.name=synthetc");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("spring.batch.job.name = \"synthetc\" names no job; the closest is synthetic. "
                    + "Jobs: regression, synthetic.");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

    @Test
    void settingsOfAPipelineThatIsNoneAreRefusedListingThePipelines(CapturedOutput output) {
        refusedToStart(TWO_PIPELINES, "--demon.enabled=true", "--demon.checkpoint.dir=" + folder,
                "--spring.batch.job.name=synthetic", "--demon.pipelines.synthetc.learning-rate.initial=0.05");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains(String.format("demon.pipelines.synthetc names no pipeline; the closest is synthetic%n"
                    + "Pipelines: regression, synthetic."))
            .contains("Name one of the pipelines (regression, synthetic) under demon.pipelines");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

    @Test
    void badPipelineSettingIsRefusedNamingItsProperty(CapturedOutput output) {
        refusedToStart("--demon.enabled=true", "--demon.checkpoint.dir=" + folder,
                "--demon.pipelines.synthetic.momentum.beta-init=1.2");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.pipelines.synthetic.momentum.beta-init = \"1.2\" "
                    + "(\"demon.pipelines.synthetic.momentum.beta-init\" from property source \"commandLineArgs\"): "
                    + "must be in [0, 1)");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

    @Test
    void misspelledPipelineSettingIsRefusedNamingTheClosestOne(CapturedOutput output) {
        refusedToStart("--demon.enabled=true", "--demon.checkpoint.dir=" + folder,
                "--demon.pipelines.synthetic.learning-rat.initial=0.05");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.pipelines.synthetic.learning-rat.initial = \"0.05\" "
                    + "(\"demon.pipelines.synthetic.learning-rat.initial\" from property source \"commandLineArgs\"): "
                    + "is not a Demon property; the closest one is demon.pipelines.synthetic.learning-rate.initial");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

    private static void refusedToStart(String... arguments) {
        refusedToStart(new Class<?>[] { SyntheticTrainingApplication.class }, arguments);
    }

    /** Starts an application as a user would, and expects it to fail. */
    private static void refusedToStart(Class<?>[] sources, String... arguments) {
        assertThatException()
            .isThrownBy(() -> new SpringApplicationBuilder(sources).web(WebApplicationType.NONE).run(arguments));
    }

}
