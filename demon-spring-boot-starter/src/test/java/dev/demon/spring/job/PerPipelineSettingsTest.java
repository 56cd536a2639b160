package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingConfiguration;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.testing.RegressionPipeline;
import dev.demon.spring.testing.SyntheticTrainingApplication;
import dev.demon.spring.workspace.Workspace;

/**
 * One application, two pipelines, one set of properties: each pipeline trains as a real
 * job with its own {@code demon.pipelines.<name>.*} over the global properties, and its
 * run records its own configuration, in its job parameters and in its report.json.
 */
class PerPipelineSettingsTest {

    private static final String ENGINE_VERSION = Engine.getEngine("MXNet").getVersion();

    /** The application's properties, as a user would write them in application.yaml. */
    private static final List<String> PROPERTIES = List.of("--demon.enabled=true", "--demon.epochs=2", "--demon.seed=7",
            "--demon.learning-rate.initial=0.02", "--demon.pipelines.synthetic.optimizer=adam",
            "--demon.pipelines.synthetic.learning-rate.initial=0.005",
            "--demon.pipelines.synthetic.momentum.schedule=constant",
            "--demon.pipelines.regression.learning-rate.initial=0.05", "--demon.pipelines.regression.batch-size=32",
            "--demon.pipelines.regression.epochs=3");

    @TempDir
    static Path folder;

    private static final Map<String, TrainingReport> reports = new HashMap<>();

    private static final Map<String, JobExecution> executions = new HashMap<>();

    @BeforeAll
    static void trainBothPipelines() throws IOException {
        for (String pipeline : List.of("synthetic", RegressionPipeline.NAME)) {
            List<String> arguments = new ArrayList<>(PROPERTIES);
            arguments.add("--demon.checkpoint.dir=" + folder);
            arguments.add("--spring.batch.job.name=" + pipeline);
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
                    SyntheticTrainingApplication.class, RegressionPipeline.class)
                .web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new))) {
                JobRepository jobs = context.getBean(JobRepository.class);
                executions.put(pipeline, jobs.getLastJobExecution(jobs.getLastJobInstance(pipeline)));
            }
            reports.put(pipeline, new ReportWriter().read(new Workspace(folder).pipeline(pipeline).report()));
        }
    }

    @Test
    void eachPipelineCompletes() {
        assertThat(executions.values()).extracting(JobExecution::getStatus)
            .containsOnly(BatchStatus.COMPLETED)
            .hasSize(2);
    }

    @Test
    void syntheticTrainsWithAdamItsOwnLearningRateAndAConstantMomentum() {
        TrainingConfiguration synthetic = new TrainingConfiguration("adam", "constant", 0.9f, null, 0.005f, "fixed",
                null, 0f, 2, 16, 7, "MXNet", ENGINE_VERSION);
        assertThat(reports.get("synthetic").configuration()).isEqualTo(synthetic);
        assertThat(recordedParameters("synthetic", synthetic)).containsExactlyEntriesOf(synthetic.byProperty());
        // 2 epochs × 96 records / 16 a batch.
        assertThat(reports.get("synthetic").totalUpdates()).isEqualTo(12);
        assertThat(reports.get("synthetic").history()).extracting(EpochSummary::learningRate)
            .containsExactly(0.005f, 0.005f);
    }

    @Test
    void regressionTrainsWithSgdmItsOwnLearningRateEpochsAndBatchSize() {
        TrainingConfiguration regression = new TrainingConfiguration("sgdm", "demon", 0.9f, 0f, 0.05f, "fixed", null,
                0f, 3, 32, 7, "MXNet", ENGINE_VERSION);
        assertThat(reports.get(RegressionPipeline.NAME).configuration()).isEqualTo(regression);
        assertThat(recordedParameters(RegressionPipeline.NAME, regression))
            .containsExactlyEntriesOf(regression.byProperty());
        // 3 epochs × 128 records / 32 a batch.
        assertThat(reports.get(RegressionPipeline.NAME).totalUpdates()).isEqualTo(12);
        assertThat(reports.get(RegressionPipeline.NAME).history()).extracting(EpochSummary::learningRate)
            .containsExactly(0.05f, 0.05f, 0.05f);
    }

    private static Map<String, String> recordedParameters(String pipeline, TrainingConfiguration expected) {
        return TrainingRunIncrementer.recordedConfiguration(executions.get(pipeline).getJobParameters(),
                expected.byProperty().keySet());
    }

}
