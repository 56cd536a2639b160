package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;

import dev.demon.fashionmnist.data.FashionMnistFiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.demon.spring.workspace.Workspace;

/**
 * A data folder ({@code demo.data.dir}) missing a file fails the job with a message
 * naming the file; the job repository survives, so once the file is back the same job
 * runs to completion.
 */
class MissingDataFileIT {

    private static final String[] FILES = { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" };

    private static final String MISSING = "t10k-labels-idx1-ubyte.gz";

    @TempDir
    Path workDir;

    @Test
    void missingFileFailsTheJobNamingItAndTheJobCompletesOnceItIsBack() throws Exception {
        Path data = Files.createDirectories(workDir.resolve("data"));
        for (String file : FILES) {
            if (!file.equals(MISSING)) {
                copyBundled(file, data);
            }
        }
        Path checkpoints = workDir.resolve("checkpoints");
        String[] args = { "--spring.profiles.active=quick", "--demon.checkpoint.dir=" + checkpoints,
                "--demo.data.dir=" + data };

        int failedExit = DemoJar.runHeadless(workDir, args);

        String log = Files.readString(DemoJar.log(workDir));
        assertThat(failedExit).as("exit code; log: %s", log).isNotZero();
        assertThat(log).contains("Data file " + data.resolve(MISSING) + " is missing");
        assertThat(status(checkpoints)).isEqualTo("FAILED");

        copyBundled(MISSING, data);
        int completedExit = DemoJar.runHeadless(workDir, args);

        assertThat(completedExit).as("exit code; log: %s", Files.readString(DemoJar.log(workDir))).isZero();
        assertThat(status(checkpoints)).isEqualTo("COMPLETED");
    }

    private static void copyBundled(String file, Path folder) throws IOException {
        try (InputStream in = new ClassPathResource(FashionMnistFiles.BUNDLED + file).getInputStream()) {
            Files.copy(in, folder.resolve(file));
        }
    }

    /** The status in the newest report.json of the CNN pipeline. */
    private static String status(Path checkpoints) {
        Path report = new Workspace(checkpoints).pipeline("fashion-mnist-cnn").report();
        JsonNode json = JsonMapper.builder().build().readTree(report.toFile());
        return json.get("status").asString();
    }

}
