package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.TrainingRun;

/**
 * The first record cannot be read: the job fails before its model and optimizer exist.
 */
class UnreadableDataTest {

    @TempDir
    static Path folder;

    private static TrainingRun failed;

    @BeforeAll
    static void trainOnDataWhoseFirstRecordFails() {
        failed = TrainingRun.start(folder, new DataFault(DataFault.Kind.ERROR, 0, 1));
    }

    @Test
    void jobEndsFailed() {
        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.report().status()).isEqualTo("FAILED");
    }

    @Test
    void reportHasNoMomentumRatherThanNaN() {
        assertThat(failed.report().finalMomentum()).isNull();
        assertThat(failed.report().updatesDone()).isZero();
        assertThat(failed.report().history()).isEmpty();
    }

}
