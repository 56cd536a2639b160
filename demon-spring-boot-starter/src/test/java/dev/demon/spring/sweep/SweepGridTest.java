package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.ReportJson;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.testing.RegressionPipeline;
import dev.demon.spring.workspace.Workspace;

/**
 * A grid sweep of 2 learning rates × 2 momentum schedules over a regression without
 * evaluators, end to end: one job, every trial trained once to its last epoch, each with
 * exactly the figures and the configuration of the pipeline's own job started with the
 * trial's properties; when the job has ended, its results say so.
 */
class SweepGridTest {

    @TempDir
    static Path folder;

    @TempDir
    static Path single;

    private static SweepRun sweep;

    private static TrainingReport lastTrialAsAJob;

    private static SweepReport results;

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
        results = ReportJson.mapper()
            .readValue(new Workspace(folder).sweep("lr").results().toFile(), SweepReport.class);
    }

    @Test
    void sweepCompletesAsOneJobExecution() {
        assertThat(sweep.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(sweep.exitStatus()).isEqualTo("COMPLETED");
        assertThat(sweep.exitCode()).isZero();
        assertThat(sweep.executions()).hasSize(1);
        assertThat(sweep.executions().get(0).getStepExecutions()).extracting(StepExecution::getStepName)
            .containsExactlyInAnyOrder("lr-trials", "lr-trial:trial-0001", "lr-trial:trial-0002", "lr-trial:trial-0003",
                    "lr-trial:trial-0004");
    }

    @Test
    void theResultsWrittenWhenTheJobEndedSayCompletedWithEveryTrialCompletedUnderTheFirstLease() {
        assertThat(results.status()).isEqualTo("COMPLETED");
        assertThat(results.generation()).isEqualTo(1);
        assertThat(results.trials()).extracting(SweepReport.Trial::trial, SweepReport.Trial::status)
            .containsExactly(tuple("trial-0001", "COMPLETED"), tuple("trial-0002", "COMPLETED"),
                    tuple("trial-0003", "COMPLETED"), tuple("trial-0004", "COMPLETED"));
        assertThat(results.trials()).allSatisfy(trial -> assertThat(trial.objective()).hasSize(3));
    }

    @Test
    void eachTrialsConfigurationIsTheOneThePipelinesJobWithItsPropertiesRecords() {
        assertThat(results.trials().get(3).configuration()).isEqualTo(lastTrialAsAJob.configuration());
        assertThat(results.trials())
            .extracting(trial -> trial.configuration().learningRate(),
                    trial -> trial.configuration().momentumSchedule())
            .containsExactly(tuple(0.01f, "demon"), tuple(0.01f, "constant"), tuple(0.05f, "demon"),
                    tuple(0.05f, "constant"));
    }

    @Test
    void theBestModelHasTheBestTrialsWholeConfigurationAsARunsBestModelHasItsRuns() throws Exception {
        SweepReport.Trial best = results.trials()
            .stream()
            .filter(trial -> trial.trial().equals(results.best().trial()))
            .findFirst()
            .orElseThrow();
        try (ZooModel<NDList, NDList> model = Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(new Workspace(folder).sweep("lr").bestModel())
            .optModelName(SweptRegression.NAME)
            .optBlock(RegressionPipeline.newBlock())
            .build()
            .loadModel()) {
            assertThat(model.getProperties()).containsAllEntriesOf(best.configuration().byProperty())
                .containsEntry("Epoch", Integer.toString(results.best().bestEpoch()))
                .containsEntry("Trial", best.trial())
                .containsEntry("Sweep", "lr");
        }
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
