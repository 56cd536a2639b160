package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/**
 * A sweep over a pipeline that stops early ({@code demon.early-stopping.*}): a trial
 * whose early stopping ends it before its last epoch completes with the epochs it
 * trained, as a pipeline's own job does, and the sweep completes.
 */
class EarlyStoppedTrialsTest {

    @TempDir
    static Path folder;

    private static SweepRun sweep;

    @BeforeAll
    static void sweepAPipelineThatStopsAtItsFirstCheck() {
        // Every validation loss of these trials is below 100: the stopping threshold is
        // reached at epoch 1, and the run ends there.
        sweep = SweepRun.start(folder, "--demon.sweeps.lr.parameters.learning-rate.initial=0.01,0.02",
                "--demon.early-stopping.enabled=true", "--demon.early-stopping.mode=stop",
                "--demon.early-stopping.stopping-threshold=100");
    }

    @Test
    void theSweepCompletes() {
        assertThat(sweep.status()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void everyTrialCompletesAfterTheEpochItStoppedAt() {
        assertThat(sweep.trials().values()).allSatisfy(trial -> {
            assertThat(trial.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(trial.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
        });
        assertThat(sweep.trials().keySet())
            .allSatisfy(trial -> assertThat(sweep.progress(trial).objectives()).hasSize(1));
    }

    @Test
    void eachTrialDidTheUpdatesOfItsOneEpoch() {
        assertThat(sweep.trials().keySet())
            .allSatisfy(trial -> assertThat(sweep.progress(trial).updatesDone()).isEqualTo(8));
    }

}
