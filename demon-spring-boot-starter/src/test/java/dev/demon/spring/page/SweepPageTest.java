package dev.demon.spring.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import dev.demon.spring.sweep.SweepSummary;
import dev.demon.spring.sweep.TrialOutcome;
import dev.demon.spring.sweep.TrialProgress;
import dev.demon.spring.testing.RecordedSweep;
import dev.demon.spring.testing.RegressionPipeline;
import dev.demon.spring.training.ModelMonitor;

/**
 * What the page shows of a sweep, read from a real JobRepository: each trial from its
 * latest partition execution (a pruned one PRUNED), and the heatmap of a 2 × 2 grid of
 * learning rate × β_init run with two seeds, each cell the mean of its two trials' best
 * validation losses.
 */
class SweepPageTest {

    /** A sweep that has never run. */
    static final SweepSummary NEVER_RUN = new SweepSummary("momentum", RegressionPipeline.NAME, "random",
            ModelMonitor.VALIDATION_ACCURACY, "momentum-trial");

    @TempDir
    Path workspace;

    private SweepPage page;

    /**
     * Eight trials, declared as seed, momentum.schedule, learning-rate.initial,
     * momentum.beta-init: seed is never an axis and the schedule is not a number, so the
     * heatmap is learning rate (x) by β_init (y), first seen 0.1 and 0.95 but shown in
     * increasing order. The best losses by cell: (0.01, 0.9) 0.5 and 0.75; (0.01, 0.95)
     * 0.25 and 0.5; (0.1, 0.9) 2.0 and 1.0 (pruned); (0.1, 0.95) 0.125 and none yet.
     */
    @BeforeEach
    void recordTheGrid() throws Exception {
        RecordedSweep sweep = new RecordedSweep(workspace);
        trial(sweep, 1, "1", "0.1", "0.95", BatchStatus.COMPLETED, "COMPLETED", 0.5, 0.125);
        trial(sweep, 2, "1", "0.1", "0.9", BatchStatus.COMPLETED, "COMPLETED", 2.0);
        trial(sweep, 3, "1", "0.01", "0.95", BatchStatus.COMPLETED, "COMPLETED", 0.25);
        trial(sweep, 4, "1", "0.01", "0.9", BatchStatus.COMPLETED, "COMPLETED", 1.0, 0.5);
        trial(sweep, 5, "2", "0.1", "0.95", BatchStatus.FAILED, "FAILED");
        trial(sweep, 6, "2", "0.1", "0.9", BatchStatus.COMPLETED, TrialOutcome.PRUNED, 1.5, 1.0);
        trial(sweep, 7, "2", "0.01", "0.95", BatchStatus.COMPLETED, "COMPLETED", 0.5, Double.NaN);
        trial(sweep, 8, "2", "0.01", "0.9", BatchStatus.FAILED, "FAILED", 0.875);
        sweep.restart();
        // The restart runs the unfinished trials again: 5 is training, 8 completed.
        trial(sweep, 5, "2", "0.1", "0.95", BatchStatus.STARTED, "EXECUTING");
        trial(sweep, 8, "2", "0.01", "0.9", BatchStatus.COMPLETED, "COMPLETED", 0.875, 0.75);
        page = new SweepPage(List.of(RecordedSweep.summary(ModelMonitor.VALIDATION_LOSS), NEVER_RUN),
                sweep.repository());
    }

    static void trial(RecordedSweep sweep, int number, String seed, String learningRate, String betaInit,
            BatchStatus status, String exitCode, double... objectives) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("seed", seed);
        parameters.put("momentum.schedule", "demon");
        parameters.put("learning-rate.initial", learningRate);
        parameters.put("momentum.beta-init", betaInit);
        TrialProgress progress = TrialProgress.notStarted("trial-%04d".formatted(number), parameters)
            .withAttempt("node-a");
        for (double objective : objectives) {
            progress = progress.withEpoch(objective, objective, 8 * (progress.objectives().size() + 1), 1.0);
        }
        sweep.trial(progress, status, exitCode);
    }

    @Test
    void eachCellIsTheMeanOverSeedsOfTheTrialsBestObjectives() {
        SweepHeatmap heatmap = page.sweep(RecordedSweep.SWEEP).orElseThrow().heatmap();

        assertThat(heatmap).isEqualTo(new SweepHeatmap("learning-rate.initial", "momentum.beta-init",
                List.of("0.01", "0.1"), List.of("0.9", "0.95"), List.of(List.of(0.625, 1.5), List.of(0.375, 0.125))));
    }

    @Test
    void eachTrialIsShownFromItsLatestPartitionWithItsStatus() {
        List<TrialFigures> trials = page.sweep(RecordedSweep.SWEEP).orElseThrow().trials();

        assertThat(trials).extracting(TrialFigures::trial)
            .containsExactly("trial-0001", "trial-0002", "trial-0003", "trial-0004", "trial-0005", "trial-0006",
                    "trial-0007", "trial-0008");
        assertThat(trials.get(5)).isEqualTo(new TrialFigures("trial-0006", Map.of("seed", "2", "momentum.schedule",
                "demon", "learning-rate.initial", "0.1", "momentum.beta-init", "0.9"), "PRUNED", 2, 1.0,
                List.of(1.5, 1.0), 1.0, 1));
        assertThat(trials.get(4))
            .extracting(TrialFigures::status, TrialFigures::epoch, TrialFigures::objective, TrialFigures::objectives,
                    TrialFigures::bestObjective, TrialFigures::attempts)
            .containsExactly("STARTED", 0, null, List.of(), null, 1);
        // A loss that was not finite is null, and is never the best.
        assertThat(trials.get(6).objectives()).containsExactly(0.5, null);
        assertThat(trials.get(6)).extracting(TrialFigures::objective, TrialFigures::bestObjective)
            .containsExactly(null, 0.5);
        assertThat(trials.get(7)).extracting(TrialFigures::status, TrialFigures::objectives)
            .containsExactly("COMPLETED", List.of(0.875, 0.75));
    }

    @Test
    void theSweepsLineCountsItsTrialsByStatus() {
        assertThat(page.sweeps()).containsExactly(
                new SweepOverview("lr", RegressionPipeline.NAME, "grid", "validation-loss", "minimize",
                        Map.of("COMPLETED", 6, "PRUNED", 1, "STARTED", 1)),
                new SweepOverview("momentum", RegressionPipeline.NAME, "random", "validation-accuracy", "maximize",
                        Map.of()));
    }

    @Test
    void aSweepNeverRunHasNoTrialsAndNoHeatmap() {
        SweepDetails details = page.sweep("momentum").orElseThrow();

        assertThat(details.trials()).isEmpty();
        assertThat(details.heatmap()).isNull();
    }

    @Test
    void fewerThanTwoNumericParametersGiveNoHeatmap() throws Exception {
        RecordedSweep sweep = new RecordedSweep(workspace.resolve("other"));
        sweep.trial(TrialProgress.notStarted("trial-0001", RecordedSweep.parameters("0.01", "demon"))
            .withEpoch(0.5, 0.5, 8, 1), BatchStatus.COMPLETED, "COMPLETED");
        sweep.trial(TrialProgress.notStarted("trial-0002", RecordedSweep.parameters("0.1", "constant"))
            .withEpoch(0.25, 0.25, 8, 1), BatchStatus.COMPLETED, "COMPLETED");
        SweepPage learningRateBySchedule = new SweepPage(List.of(RecordedSweep.summary(ModelMonitor.VALIDATION_LOSS)),
                sweep.repository());

        assertThat(learningRateBySchedule.sweep(RecordedSweep.SWEEP).orElseThrow().heatmap()).isNull();
    }

    @Test
    void aNameThatIsNoSweepHasNoDetails() {
        assertThat(page.sweep("regression")).isEmpty();
    }

}
