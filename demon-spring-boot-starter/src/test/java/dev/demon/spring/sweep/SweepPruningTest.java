package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.spring.workspace.Workspace;

/**
 * Median pruning after a 1-epoch warm-up once 2 trials have completed: of learning rates
 * 0.05, 0.02 and 0.000001, the last barely moves the regression's loss in its first
 * epoch, worse than the median of the two completed trials at epoch 1, and stops there,
 * PRUNED; the sweep and its job still COMPLETE, and the best trial is the one with the
 * lowest validation loss.
 */
class SweepPruningTest {

    @TempDir
    static Path folder;

    private static SweepRun sweep;

    private static JsonNode results;

    @BeforeAll
    static void sweepWithPruning() throws IOException {
        sweep = SweepRun.start(folder, SweepRun.yaml(folder, """
                      parameters:
                        learning-rate.initial: [0.05, 0.02, 0.000001]
                      pruning: median
                      pruning-warmup-epochs: 1
                      pruning-startup-trials: 2
                """));
        results = JsonMapper.builder().build().readTree(new Workspace(folder).sweep("lr").results().toFile());
    }

    @Test
    void clearlyBadTrialIsPrunedAfterItsWarmUp() {
        StepExecution pruned = sweep.trials().get("trial-0003");
        assertThat(pruned.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(pruned.getExitStatus().getExitCode()).isEqualTo("PRUNED");
        assertThat(sweep.progress("trial-0003").objectives()).hasSize(1);
        assertThat(sweep.progress("trial-0003").updatesDone()).isEqualTo(8);
    }

    @Test
    void startUpTrialsTrainToTheirLastEpoch() {
        assertThat(sweep.progress("trial-0001").objectives()).hasSize(3);
        assertThat(sweep.progress("trial-0002").objectives()).hasSize(3);
        assertThat(sweep.trials().get("trial-0001").getExitStatus().getExitCode()).isEqualTo("COMPLETED");
    }

    @Test
    void aPrunedTrialLeavesTheSweepCompleted() {
        assertThat(sweep.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(sweep.exitStatus()).isEqualTo("COMPLETED");
        assertThat(sweep.exitCode()).isZero();
    }

    @Test
    void resultsKeepTheBestTrialAndNameThePrunedOne() {
        assertThat(results.get("trials").get(2).get("status").asString()).isEqualTo("PRUNED");
        assertThat(results.get("best").get("trial").asString()).isEqualTo("trial-0001");
        assertThat(results.get("best").get("bestObjective").asDouble())
            .isEqualTo(sweep.progress("trial-0001").objectives().get(2));
    }

}
