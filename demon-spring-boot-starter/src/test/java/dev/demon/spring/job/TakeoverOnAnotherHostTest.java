package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.demon.spring.lease.LeaseHolder;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;

/**
 * Two processes share a JobRepository but not their checkpoint folders, as on two hosts
 * without a shared folder: the second, resuming the first's failed run, finds none of its
 * checkpoints and says in a warning where they were (host and folder), then trains from
 * scratch.
 */
@ExtendWith(OutputCaptureExtension.class)
class TakeoverOnAnotherHostTest {

    @TempDir
    Path jobRepository;

    @TempDir
    Path firstFolder;

    @TempDir
    Path secondFolder;

    private TrainingRun startIn(Path folder, DataFault fault) {
        return TrainingRun.startWith(folder, fault,
                "--spring.datasource.url=jdbc:h2:file:" + this.jobRepository.resolve("batch"),
                "--spring.datasource.username=sa", "--spring.datasource.password=",
                "--spring.batch.jdbc.initialize-schema=always");
    }

    @Test
    void takeoverWhoseFolderHoldsNoneOfTheRunsCheckpointsSaysWhereTheyWere(CapturedOutput output) {
        assertThat(startIn(this.firstFolder, DataFault.inEpoch(DataFault.Kind.ERROR, 2)).status())
            .isEqualTo(BatchStatus.FAILED);
        TrainingRun resumed = startIn(this.secondFolder, DataFault.NONE);
        String host = LeaseHolder.current().host();
        Path run = Path.of(SyntheticPipeline.NAME, "run-1");
        assertThat(output).contains("WARN")
            .contains("takes over a run whose checkpoints were written on host " + host + " in "
                    + this.firstFolder.resolve(run).toAbsolutePath() + "; this process's checkpoint folder "
                    + this.secondFolder.resolve(run).toAbsolutePath() + " on host " + host
                    + " holds none of them, so the run trains again from its first epoch. Processes on several "
                    + "hosts need demon.checkpoint.dir on a folder they all share.");
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.updatesAfterTheFirst()).hasSize((int) TrainingRun.TOTAL_UPDATES - 1);
    }

    @Test
    void restartInTheSameFolderGivesNoSuchWarning(CapturedOutput output) {
        startIn(this.firstFolder, DataFault.inEpoch(DataFault.Kind.ERROR, 2));
        startIn(this.firstFolder, DataFault.NONE);
        assertThat(output).doesNotContain("holds none of them");
    }

}
