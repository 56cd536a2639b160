package dev.demon.spring.autoconfigure;

import java.util.function.Supplier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import dev.demon.spring.testing.SyntheticTrainingApplication;
import dev.demon.spring.testing.WorkingDirectory;

/**
 * {@code demon.checkpoint.dir} must be a folder the application can write: the starter
 * checks it as the environment is prepared, before any bean, database or training.
 */
@ExtendWith(OutputCaptureExtension.class)
class CheckpointFolderTest {

    private static final String ACTION_START = "Set demon.checkpoint.dir to a folder the application can create and "
            + "write, or ";

    @TempDir
    Path temporaryFolder;

    /**
     * The test's folder as a user would usually write it: relative to the working
     * directory.
     */
    private Path root;

    private Path aFile;

    @BeforeEach
    void writeAFile() throws IOException {
        root = WorkingDirectory.relativePathTo(temporaryFolder);
        aFile = Files.writeString(root.resolve("a-file"), "not a folder");
    }

    private static FailureAnalysis prepare(String checkpointDir) {
        MockEnvironment environment = new MockEnvironment().withProperty("demon.enabled", "true")
            .withProperty("demon.checkpoint.dir", checkpointDir);
        FailureAnalyzedException failure = catchThrowableOfType(FailureAnalyzedException.class,
                () -> new DemonEnvironmentPostProcessor(Supplier::get).postProcessEnvironment(environment,
                        new SpringApplication()));
        assertThat(failure).as("start-up failure").isNotNull();
        return failure.analysis();
    }

    private static String setting(String value) {
        return "demon.checkpoint.dir = \"" + value + "\" (\"demon.checkpoint.dir\" from property source "
                + "\"mockProperties\") is not a usable checkpoint folder: ";
    }

    @Test
    void fileIsRefusedNamingPropertyAndFile() {
        FailureAnalysis analysis = prepare(aFile.toString());
        assertThat(analysis.getDescription())
            .isEqualTo(setting(aFile.toString()) + aFile.toAbsolutePath().normalize() + " is a file, not a folder.");
        assertThat(analysis.getAction()).isEqualTo(ACTION_START + "remove or rename that file.");
    }

    @Test
    void folderInsideAFileIsRefusedNamingTheFile() {
        String value = aFile.resolve("checkpoints").toString();
        assertThat(prepare(value).getDescription())
            .isEqualTo(setting(value) + aFile.toAbsolutePath().normalize() + " is a file, not a folder.");
    }

    @Test
    void folderNoFileCanBeCreatedInIsRefused() {
        // sysfs takes no new files from anyone, root included, where permission bits
        // would not stop root.
        Path unwritable = Path.of("/sys");
        assumeTrue(Files.isDirectory(unwritable), "Linux sysfs");
        FailureAnalysis analysis = prepare(unwritable.toString());
        assertThat(analysis.getDescription())
            .startsWith(setting(unwritable.toString()) + "the folder /sys cannot be written (");
        assertThat(analysis.getAction()).isEqualTo(ACTION_START + "let the user running the application write in it.");
    }

    @Test
    void missingFolderIsCreatedAndLeftEmpty() throws IOException {
        Path folder = root.resolve("new").resolve("checkpoints");
        new DemonEnvironmentPostProcessor(Supplier::get)
            .postProcessEnvironment(new MockEnvironment().withProperty("demon.enabled", "true")
                .withProperty("demon.checkpoint.dir", folder.toString()), new SpringApplication());
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void applicationFailsToStartWithTheFailureAnalysisAndTrainsNothing(CapturedOutput output) {
        assertThatException().isThrownBy(
                () -> new SpringApplicationBuilder(SyntheticTrainingApplication.class).web(WebApplicationType.NONE)
                    .run("--demon.enabled=true", "--demon.checkpoint.dir=" + aFile));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("demon.checkpoint.dir = \"" + aFile + "\" (\"demon.checkpoint.dir\" from property source "
                    + "\"commandLineArgs\") is not a usable checkpoint folder: " + aFile.toAbsolutePath().normalize()
                    + " is a file, not a folder.")
            .doesNotContain("Executing step");
        assertThat(aFile).hasContent("not a folder");
    }

}
