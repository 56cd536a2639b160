package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.demon.spring.workspace.Workspace;

/**
 * The packaged demo, run headless with the {@code quick} profile, trains its default job
 * to the end and exits 0, leaving a COMPLETED report.
 */
class QuickProfileIT {

    @TempDir
    Path workDir;

    @Test
    void quickProfileCompletesTheDefaultJobAndExitsZero() throws Exception {
        Path checkpoints = workDir.resolve("checkpoints");

        int exitCode = DemoJar.runHeadless(workDir, "--spring.profiles.active=quick",
                "--demon.checkpoint.dir=" + checkpoints);

        assertThat(exitCode).as("exit code; log: %s", Files.readString(DemoJar.log(workDir))).isZero();
        JsonNode report = JsonMapper.builder()
            .build()
            .readTree(new Workspace(checkpoints).pipeline("fashion-mnist-cnn").report().toFile());
        assertThat(report.get("pipeline").asString()).isEqualTo("fashion-mnist-cnn");
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("epochs").asInt()).isEqualTo(1);
        assertThat(report.get("history")).hasSize(1);
        // 2000 training samples in batches of 128: 16 optimizer updates.
        assertThat(report.get("updatesDone").asLong()).isEqualTo(16);
    }

}
