package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.TrainingRun;

/**
 * A NaN record in epoch 2 makes the loss NaN: the job fails there and keeps epoch 1's
 * checkpoint.
 */
class DivergenceTest {

    @TempDir
    static Path folder;

    private static TrainingRun diverged;

    @BeforeAll
    static void trainOnDataThatTurnsNaNInEpochTwo() {
        diverged = TrainingRun.start(folder, DataFault.inEpoch(DataFault.Kind.NAN, 2));
    }

    @Test
    void jobEndsFailedNotCompleted() {
        assertThat(diverged.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(diverged.exitCode()).isNotZero();
        assertThat(diverged.report().status()).isEqualTo("FAILED");
    }

    @Test
    void failureSaysInWhichStepAndEpochTrainingDiverged() {
        assertThat(diverged.stepFailures()).singleElement()
            .asString()
            .startsWith("ai.djl.TrainingDivergedException: Training of synthetic diverged in step "
                    + "synthetic-epoch-2 (epoch 2 of 3): the loss of batch ")
            .contains(" is NaN at update ");
    }

    @Test
    void lastGoodCheckpointIsKept() {
        assertThat(diverged.checkpoints()).extracting(Path::getFileName)
            .extracting(Path::toString)
            .containsExactly("epoch-0001.g000001.ckpt");
        assertThat(diverged.report().history()).extracting(EpochSummary::epoch).containsExactly(1);
    }

}
