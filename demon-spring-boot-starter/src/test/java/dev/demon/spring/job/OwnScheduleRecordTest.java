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
 * With the application's own {@code MomentumSchedule} bean (Demon with β_init 0.9 here),
 * {@code demon.momentum.beta-init} never reaches training: the run records the schedule's
 * own β_init, and a start that changes only that property resumes the unfinished run
 * instead of being refused over it.
 */
class OwnScheduleRecordTest {

    @TempDir
    static Path folder;

    private static TrainingRun failed;

    private static TrainingRun resumed;

    @BeforeAll
    static void failInEpochTwoThenStartWithAnotherBetaInitProperty() {
        failed = TrainingRun.startWith(folder, DataFault.inEpoch(DataFault.Kind.ERROR, 2),
                "--demon.momentum.beta-init=0.5");
        resumed = TrainingRun.startWith(folder, DataFault.NONE, "--demon.momentum.beta-init=0.7");
    }

    @Test
    void runRecordsTheSchedulesOwnBetaInitNotTheProperty() {
        assertThat(failed.report().configuration().betaInit()).isEqualTo(0.9f);
        assertThat(failed.report().configuration().decayStart()).isEqualTo(0f);
    }

    @Test
    void changingAPropertyTheScheduleIgnoresDoesNotRefuseTheResume() {
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.stepRuns()).containsExactly(1L, 2L, 1L);
        assertThat(resumed.report().configuration().betaInit()).isEqualTo(0.9f);
    }

}
