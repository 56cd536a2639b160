package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.TrainingRun;

/**
 * A job whose data fails in epoch 2 of 3 is started again with another learning rate and
 * batch size: the start is refused before any training, naming both values of each, and
 * leaves the run as it was; the start after it, with the run's own configuration, resumes
 * the run.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChangedConfigurationTest {

    @TempDir
    static Path folder;

    private static Throwable refusal;

    private static String refusedLog;

    private static TrainingRun resumed;

    @BeforeAll
    static void failInEpochTwoThenStartWithOtherValuesThenWithTheRunsOwn(CapturedOutput output) {
        TrainingRun.start(folder, DataFault.inEpoch(DataFault.Kind.ERROR, 2));
        int logStart = output.getAll().length();
        refusal = catchThrowable(() -> TrainingRun.start(folder, DataFault.NONE, context -> {
        }, "--demon.learning-rate.initial=0.05", "--demon.batch-size=32"));
        refusedLog = output.getAll().substring(logStart);
        resumed = TrainingRun.start(folder, DataFault.NONE);
    }

    @Test
    void startWithOtherValuesFailsWithTheChangesAsItsCause() {
        assertThat(refusal).rootCause()
            .isInstanceOf(ConfigurationChangedException.class)
            .hasMessage("Job synthetic cannot resume its unfinished run (job instance 1, execution 1 FAILED), "
                    + "which was started with another configuration: demon.learning-rate.initial 0.01 then, "
                    + "0.05 now; demon.batch-size 16 then, 32 now");
    }

    @Test
    void refusalNamesEachChangedPropertyWithBothValuesBeforeAnyTraining() {
        assertThat(refusedLog).contains("APPLICATION FAILED TO START")
            .contains("    demon.learning-rate.initial: 0.01 when the run started, 0.05 now "
                    + "(\"demon.learning-rate.initial\" from property source \"commandLineArgs\")")
            .contains("    demon.batch-size: 16 when the run started, 32 now "
                    + "(\"demon.batch-size\" from property source \"commandLineArgs\")")
            .contains("set demon.unfinished-run=abandon")
            .doesNotContain("Executing step");
    }

    @Test
    void startWithTheRunsOwnValuesResumesWithoutAStepOfTheRefusedStart() {
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.exitCode()).isZero();
        // Epoch 2 ran when it failed and when it resumed: the refused start ran no step.
        assertThat(resumed.stepRuns()).containsExactly(1L, 2L, 1L);
    }

    @Test
    void resumedRunReportsTheConfigurationItWasStartedWith() {
        assertThat(resumed.report().configuration().learningRate()).isEqualTo(0.01f);
        assertThat(resumed.report().configuration().batchSize()).isEqualTo(16);
    }

}
