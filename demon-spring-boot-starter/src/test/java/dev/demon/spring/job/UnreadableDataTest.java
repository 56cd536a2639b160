package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.util.FileSystemUtils;

import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.TrainingRun;

/** The first record cannot be read: the job fails before its model and optimizer exist. */
class UnreadableDataTest {

    private static final Path FOLDER = Path.of("target", "test-runs", "unreadable-data");

    private static TrainingRun failed;

    @BeforeAll
    static void trainOnDataWhoseFirstRecordFails() {
        FileSystemUtils.deleteRecursively(FOLDER.toFile());
        failed = TrainingRun.start(FOLDER, new DataFault(DataFault.Kind.ERROR, 0, 1));
    }

    @Test
    void jobEndsFailed() {
        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.report().status()).isEqualTo("FAILED");
    }

    @Test
    void reportHasNoMomentumRatherThanNaN() {
        assertThat(failed.report().finalMomentum()).isNull();
        assertThat(failed.report().stepsDone()).isZero();
        assertThat(failed.report().history()).isEmpty();
    }
}
