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
 * A promotion that cannot work stops the application as a user starts it, before any
 * training, naming the property, the value and what is allowed.
 */
@ExtendWith(OutputCaptureExtension.class)
class PromotionRefusalsTest {

    @TempDir
    Path folder;

    @Test
    void unknownPromotionModeIsRefusedNamingTheModes(CapturedOutput output) {
        refusedToStart("--demon.enabled=true", "--demon.checkpoint.dir=" + folder,
                "--demon.model.promotion=when-better");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.model.promotion = \"when-better\" (\"demon.model.promotion\" from property source "
                    + "\"commandLineArgs\"): must be one of always, if-better");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

    @Test
    void unknownPromotionModeOfAPipelineIsRefusedNamingItsProperty(CapturedOutput output) {
        refusedToStart("--demon.enabled=true", "--demon.checkpoint.dir=" + folder,
                "--demon.pipelines.synthetic.model.promotion=never");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.pipelines.synthetic.model.promotion = \"never\" "
                    + "(\"demon.pipelines.synthetic.model.promotion\" from property source \"commandLineArgs\"): "
                    + "must be one of always, if-better");
    }

    @Test
    void negativeMinDeltaIsRefused(CapturedOutput output) {
        refusedToStart("--demon.enabled=true", "--demon.checkpoint.dir=" + folder,
                "--demon.model.promotion-min-delta=-0.01");
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.model.promotion-min-delta = \"-0.01\" (\"demon.model.promotion-min-delta\" from "
                    + "property source \"commandLineArgs\"): must be >= 0");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

    /** Starts an application as a user would, and expects it to fail. */
    private static void refusedToStart(String... arguments) {
        assertThatException().isThrownBy(
                () -> new SpringApplicationBuilder(SyntheticTrainingApplication.class).web(WebApplicationType.NONE)
                    .run(arguments));
    }

}
