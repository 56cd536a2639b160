package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.util.FileSystemUtils;

import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;

/**
 * The checkpoint of epoch 2 cannot be written (a folder stands where its file must go, as
 * a full disk or a vanished folder would make the write fail): the step fails with a
 * message naming the checkpoint, its folder and the cause, the checkpoint of epoch 1
 * stays, and once the obstacle is gone the same start resumes from it.
 */
class CheckpointWriteFailureTest {

    @TempDir
    static Path folder;

    private static Path runFolder;

    private static TrainingRun failed;

    private static TrainingRun resumed;

    @BeforeAll
    static void blockTheCheckpointOfEpochTwoThenStartAgain() throws IOException {
        runFolder = folder.resolve(SyntheticPipeline.NAME).resolve("run-1");
        // Update 8 runs inside epoch 2, after the checkpoint of epoch 1 was written.
        failed = TrainingRun.startDoingDuring(folder, 8, context -> blockCheckpointOfEpochTwo(), context -> {
        });
        FileSystemUtils.deleteRecursively(runFolder.resolve("epoch-0002.g000001.ckpt"));
        resumed = TrainingRun.start(folder, DataFault.NONE);
    }

    private static void blockCheckpointOfEpochTwo() {
        try {
            Files.createDirectories(runFolder.resolve("epoch-0002.g000001.ckpt").resolve("in-the-way"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void stepFailsNamingTheCheckpointItsFolderAndTheCause() {
        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stepFailures()).singleElement()
            .asString()
            .contains("Step synthetic-epoch-2 (epoch 2 of 3) failed: Cannot write the checkpoint after epoch 2 of "
                    + "synthetic in " + runFolder + ": ")
            .contains("epoch-0002.g000001.ckpt");
    }

    @Test
    void previousCheckpointStaysUsable() {
        assertThat(failed.checkpoints()).extracting(file -> file.getFileName().toString())
            .containsExactly("epoch-0001.g000001.ckpt");
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.stepRuns()).containsExactly(1L, 2L, 1L);
        assertThat(resumed.report().updatesDone()).isEqualTo(TrainingRun.TOTAL_UPDATES);
    }

}
