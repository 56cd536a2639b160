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

import dev.demon.spring.testing.SyntheticTrainingApplication;

/**
 * A bad value stops the application as a user starts it, before any training, and says
 * why.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationStartUpTest {

    @TempDir
    Path folder;

    @Test
    void applicationFailsToStartWithTheFailureAnalysis(CapturedOutput output) {
        assertThatException().isThrownBy(
                () -> new SpringApplicationBuilder(SyntheticTrainingApplication.class).web(WebApplicationType.NONE)
                    .run("--demon.enabled=true", "--demon.checkpoint.dir=" + folder, "--demon.momentum.beta-init=1.2"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.momentum.beta-init = \"1.2\" (\"demon.momentum.beta-init\" from property source "
                    + "\"commandLineArgs\"): must be in [0, 1)");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

    @Test
    void unknownEngineIsRefusedNamingTheEnginesThereAre(CapturedOutput output) {
        assertThatException().isThrownBy(
                () -> new SpringApplicationBuilder(SyntheticTrainingApplication.class).web(WebApplicationType.NONE)
                    .run("--demon.enabled=true", "--demon.checkpoint.dir=" + folder, "--demon.engine=tensorflow"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.engine = \"tensorflow\" (\"demon.engine\" from property source \"commandLineArgs\"): "
                    + "must be one of mxnet, pytorch");
    }

    @Test
    void engineNotOnTheClassPathIsRefusedNamingTheEnginesThatAre(CapturedOutput output) {
        assertThatException().isThrownBy(
                () -> new SpringApplicationBuilder(SyntheticTrainingApplication.class).web(WebApplicationType.NONE)
                    .run("--demon.enabled=true", "--demon.checkpoint.dir=" + folder, "--demon.engine=pytorch"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains(String.format("demon.engine = \"pytorch\" selects the DJL engine PyTorch, which is not on the "
                    + "class path.%nEngines on the class path: MXNet."))
            .contains("Set demon.engine=mxnet, or add the engine's artefacts to the application");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

}
