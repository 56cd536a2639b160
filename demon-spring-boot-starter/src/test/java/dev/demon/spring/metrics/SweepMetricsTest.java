package dev.demon.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;

import dev.demon.spring.sweep.SweepSummary;
import dev.demon.spring.sweep.TrialOutcome;
import dev.demon.spring.sweep.TrialProgress;
import dev.demon.spring.testing.RecordedSweep;
import dev.demon.spring.training.ModelMonitor;

/**
 * The gauge {@code demon.sweep.trials}: a sweep's trials by status, read from the
 * JobRepository.
 */
class SweepMetricsTest {

    private static final SweepSummary SWEEP = RecordedSweep.summary(ModelMonitor.VALIDATION_LOSS);

    @TempDir
    Path workspace;

    private static double trials(MeterRegistry registry, String status) {
        return registry.get(SweepMetrics.TRIALS)
            .tag("sweep", RecordedSweep.SWEEP)
            .tag("status", status)
            .gauge()
            .value();
    }

    private static TrialProgress trial(int number) {
        return TrialProgress.notStarted(String.format("trial-%04d", number), RecordedSweep.parameters("0.1", "demon"));
    }

    @Test
    void eachStatusCountsTheTrialsOfTheSweepsLatestRunWithIt() throws Exception {
        RecordedSweep sweep = new RecordedSweep(workspace);
        sweep.trial(trial(1), BatchStatus.COMPLETED, ExitStatus.COMPLETED.getExitCode());
        sweep.trial(trial(2), BatchStatus.COMPLETED, TrialOutcome.PRUNED);
        sweep.trial(trial(3), BatchStatus.COMPLETED, ExitStatus.COMPLETED.getExitCode());
        sweep.trial(trial(4), BatchStatus.STARTED, ExitStatus.EXECUTING.getExitCode());
        MeterRegistry registry = new SimpleMeterRegistry();

        new SweepMetrics(List.of(SWEEP), sweep.repository()).bindTo(registry);

        assertThat(trials(registry, "COMPLETED")).isEqualTo(2);
        assertThat(trials(registry, "PRUNED")).isEqualTo(1);
        assertThat(trials(registry, "STARTED")).isEqualTo(1);
        assertThat(trials(registry, "FAILED")).isZero();
    }

    @Test
    void aTrialRunAgainCountsOnceWithItsLatestStatus() throws Exception {
        RecordedSweep sweep = new RecordedSweep(workspace);
        sweep.trial(trial(1), BatchStatus.FAILED, ExitStatus.FAILED.getExitCode());
        sweep.restart();
        sweep.trial(trial(1), BatchStatus.COMPLETED, ExitStatus.COMPLETED.getExitCode());
        MeterRegistry registry = new SimpleMeterRegistry();

        new SweepMetrics(List.of(SWEEP), sweep.repository()).bindTo(registry);

        assertThat(trials(registry, "COMPLETED")).isEqualTo(1);
        assertThat(trials(registry, "FAILED")).isZero();
    }

    @Test
    void aSweepThatNeverRanHasNoTrialsInAnyStatus() throws Exception {
        RecordedSweep sweep = new RecordedSweep(workspace);
        SweepSummary other = new SweepSummary("other", SWEEP.pipeline(), "grid", ModelMonitor.VALIDATION_LOSS,
                "other-trial");
        MeterRegistry registry = new SimpleMeterRegistry();

        new SweepMetrics(List.of(other), sweep.repository()).bindTo(registry);

        assertThat(SweepMetrics.statuses()).allSatisfy(status -> assertThat(
                registry.get(SweepMetrics.TRIALS).tag("sweep", "other").tag("status", status).gauge().value())
            .isZero());
    }

    @Test
    void everyStatusOfSpringBatchAndPrunedHasAGauge() {
        assertThat(SweepMetrics.statuses()).containsExactly("COMPLETED", "STARTING", "STARTED", "STOPPING", "STOPPED",
                "FAILED", "ABANDONED", "UNKNOWN", "PRUNED");
    }

    @Test
    void readsWithinASecondShareOneLookAtTheJobRepository() throws Exception {
        RecordedSweep sweep = new RecordedSweep(workspace);
        sweep.trial(trial(1), BatchStatus.COMPLETED, ExitStatus.COMPLETED.getExitCode());
        MeterRegistry registry = new SimpleMeterRegistry();
        Clock frozen = Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC);
        new SweepMetrics(List.of(SWEEP), sweep.repository(), frozen).bindTo(registry);
        assertThat(trials(registry, "COMPLETED")).isEqualTo(1);

        sweep.trial(trial(2), BatchStatus.COMPLETED, ExitStatus.COMPLETED.getExitCode());

        assertThat(trials(registry, "COMPLETED")).isEqualTo(1);
    }

}
