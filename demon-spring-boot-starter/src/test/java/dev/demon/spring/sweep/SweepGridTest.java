package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.workspace.Workspace;

/**
 * A grid sweep of 2 learning rates × 2 momentum schedules over a regression without
 * evaluators, end to end: one job, every trial trained once to its last epoch, each with
 * exactly the figures of the pipeline's own job started with the trial's properties.
 */
class SweepGridTest {

    @TempDir
    static Path folder;

    @TempDir
    static Path single;

    private static SweepRun sweep;

    private static TrainingReport lastTrialAsAJob;

    @BeforeAll
    static void sweepTheGrid() throws IOException {
        sweep = SweepRun.start(folder, SweepRun.yaml(folder, """
                      parameters:
                        learning-rate.initial: [0.01, 0.05]
                        momentum.schedule: [demon, constant]
                """));
        ConfigurableApplicationContext job = SweepRun.run(single, context -> {
        }, "--spring.batch.job.name=" + SweptRegression.NAME,
                "--demon.pipelines." + SweptRegression.NAME + ".learning-rate.initial=0.05",
                "--demon.pipelines." + SweptRegression.NAME + ".momentum.schedule=constant");
        SpringApplication.exit(job);
        job.close();
        lastTrialAsAJob = new ReportWriter().read(new Workspace(single).pipeline(SweptRegression.NAME).report());
    }

    @Test
    void sweepCompletesAsOneJobExecution() {
        assertThat(sweep.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(sweep.exitStatus()).isEqualTo("COMPLETED");
        assertThat(sweep.exitCode()).isZero();
        assertThat(sweep.executions()).hasSize(1);
        assertThat(sweep.executions().get(0).getStepExecutions()).extracting(StepExecution::getStepName)
            .containsExactlyInAnyOrder("lr-trials", "lr-trial:trial-0001", "lr-trial:trial-0002", "lr-trial:trial-0003",
                    "lr-trial:trial-0004", "lr-results");
    }

    @Test
    void everyTrialIsTrainedOnceToItsLastEpoch() {
        assertThat(sweep.trainings()).isEqualTo(4);
        assertThat(sweep.trials()).containsOnlyKeys("trial-0001", "trial-0002", "trial-0003", "trial-0004");
        sweep.trials().forEach((trial, execution) -> {
            assertThat(execution.getStatus()).as(trial).isEqualTo(BatchStatus.COMPLETED);
            assertThat(execution.getExitStatus().getExitCode()).as(trial).isEqualTo("COMPLETED");
            TrialProgress progress = sweep.progress(trial);
            assertThat(progress.objectives()).as(trial).hasSize(3);
            assertThat(progress.attempts()).as(trial).isOne();
            assertThat(progress.updatesDone()).as(trial).isEqualTo(24);
        });
    }

    @Test
    void trialsAreTheGridFirstParameterSlowest() {
        assertThat(List.of("trial-0001", "trial-0002", "trial-0003", "trial-0004"))
            .extracting(trial -> sweep.progress(trial).parameters())
            .containsExactly(Map.of("learning-rate.initial", "0.01", "momentum.schedule", "demon"),
                    Map.of("learning-rate.initial", "0.01", "momentum.schedule", "constant"),
                    Map.of("learning-rate.initial", "0.05", "momentum.schedule", "demon"),
                    Map.of("learning-rate.initial", "0.05", "momentum.schedule", "constant"));
    }

    @Test
    void aTrialTrainsAsThePipelinesJobWithItsPropertiesDoes() {
        assertThat(sweep.progress("trial-0004").objectives()).containsExactlyElementsOf(
                lastTrialAsAJob.history().stream().map(EpochSummary::validationLoss).map(Float::doubleValue).toList());
    }

    @Test
    void theRunRecordsTheSweepsDefinition() {
        JobParameters parameters = sweep.executions().get(0).getJobParameters();
        assertThat(parameters.getString("demon.sweeps.lr.pipeline")).isEqualTo(SweptRegression.NAME);
        assertThat(parameters.getString("demon.sweeps.lr.search")).isEqualTo("grid");
        assertThat(parameters.getString("demon.sweeps.lr.parameters.learning-rate.initial")).isEqualTo("0.01,0.05");
        assertThat(parameters.getString("demon.sweeps.lr.parameters.momentum.schedule")).isEqualTo("demon,constant");
        assertThat(parameters.getString("demon.sweeps.lr.objective")).isEqualTo("none");
        assertThat(parameters.getString("demon.sweeps.lr.pruning")).isEqualTo("none");
        assertThat(parameters.getString("demon.seed")).isEqualTo("7");
    }

}
