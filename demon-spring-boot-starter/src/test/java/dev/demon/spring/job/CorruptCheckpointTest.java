package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;
import dev.demon.spring.testing.UninterruptedRun;

/**
 * A job fails in epoch 3, and its newest checkpoint (epoch 2) is then truncated as a disk
 * that lost its last write would leave it. The second run detects it, resumes from epoch
 * 1's checkpoint and trains epoch 2 again before epoch 3.
 */
@ExtendWith(OutputCaptureExtension.class)
class CorruptCheckpointTest {

    @TempDir
    static Path folder;

    private static TrainingRun uninterrupted;

    private static TrainingRun resumed;

    private static String resumedLog;

    @BeforeAll
    static void failInEpochThreeTruncateTheLatestCheckpointAndRunAgain(CapturedOutput output) throws IOException {
        uninterrupted = UninterruptedRun.shared();
        TrainingRun failed = TrainingRun.start(folder, DataFault.inEpoch(DataFault.Kind.ERROR, 3));
        assertThat(failed.checkpoints()).extracting(Path::getFileName)
            .extracting(Path::toString)
            .containsExactly("epoch-0002.g000001.ckpt", "epoch-0001.g000001.ckpt");
        try (FileChannel latest = FileChannel.open(failed.checkpoints().get(0), StandardOpenOption.WRITE)) {
            latest.truncate(latest.size() / 2);
        }
        int logStart = output.getAll().length();
        resumed = TrainingRun.start(folder, DataFault.NONE);
        resumedLog = output.getAll().substring(logStart);
    }

    @Test
    void corruptCheckpointIsReportedInTheLog() {
        assertThat(resumedLog)
            .contains("epoch-0002.g000001.ckpt is corrupt: SHA-256 checksum mismatch (truncated or altered); "
                    + "falling back to the previous checkpoint");
        assertThat(resumedLog).contains("resuming after epoch 1");
    }

    @Test
    void jobCompletesFromThePreviousCheckpoint() {
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.report().history()).extracting(EpochSummary::epoch).containsExactly(1, 2, 3);
    }

    @Test
    void epochTwoIsTrainedAgainSoNoUpdateIsLost() {
        assertThat(resumed.updatesAfterTheFirst()).containsExactlyElementsOf(
                uninterrupted.updates().subList(SyntheticPipeline.BATCHES_PER_EPOCH, (int) TrainingRun.TOTAL_UPDATES));
        assertThat(resumed.report().updatesDone()).isEqualTo(TrainingRun.TOTAL_UPDATES);
    }

    @Test
    void resultIsBitIdenticalToTheUninterruptedRun() throws IOException {
        assertThat(ResumeAfterFailureTest.finalParameters(resumed))
            .isEqualTo(ResumeAfterFailureTest.finalParameters(uninterrupted));
    }

}
