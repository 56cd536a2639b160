package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.training.evaluator.Evaluator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.RegressionPipeline;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;

/**
 * Pipelines that measure no accuracy, as users bring them: a regression (tabular data, L2
 * loss, no evaluators) and a classifier that declares no evaluators. Their best model is
 * the epoch with the lowest validation loss, report.json holds {@code null} where an
 * accuracy would be, no accuracy gauge exists for them and their log says nothing of
 * accuracy. A monitor they cannot honour stops the application at start-up, naming the
 * pipeline.
 */
@ExtendWith(OutputCaptureExtension.class)
class PipelinesWithoutAccuracyTest {

    private static final int EPOCHS = 3;

    @TempDir
    static Path folder;

    private static Run regression;

    private static Run classifier;

    private static String log;

    /** A user's application: the starter and the pipelines it is given. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

    }

    /** A classifier whose author declared no evaluators. */
    @TrainingPipeline(name = UnevaluatedClassifier.NAME, batchSize = SyntheticPipeline.BATCH_SIZE)
    static class UnevaluatedClassifier extends SyntheticPipeline {

        static final String NAME = "unevaluated";

        UnevaluatedClassifier(ObjectProvider<DataFault> fault) {
            super(fault);
        }

        @Override
        public List<Evaluator> evaluators() {
            return List.of();
        }

    }

    /** A regression that asks for validation accuracy, which it cannot have. */
    @TrainingPipeline(name = "accuracy-asked", monitor = "validation-accuracy")
    static class RegressionAskingForAccuracy extends RegressionPipeline {

    }

    @BeforeAll
    static void trainARegressionAndAClassifierWithoutEvaluators(CapturedOutput output) throws IOException {
        regression = Run.train(folder.resolve("regression"), RegressionPipeline.class, RegressionPipeline.NAME);
        // With η0 = 4 the synthetic classifier's validation loss is lowest in its last
        // epoch (ModelExportTest).
        classifier = Run.train(folder.resolve("classifier"), UnevaluatedClassifier.class, UnevaluatedClassifier.NAME,
                "--demon.learning-rate.initial=4");
        log = output.getAll();
    }

    @Test
    void regressionsBestModelIsItsLowestValidationLossEpoch() throws Exception {
        regression.assertBestModelIsTheLowestValidationLossEpoch(RegressionPipeline::newBlock);
    }

    @Test
    void classifierWithoutEvaluatorsBestModelIsItsLowestValidationLossEpoch() throws Exception {
        classifier.assertBestModelIsTheLowestValidationLossEpoch(SyntheticPipeline::newBlock);
    }

    @Test
    void reportHoldsNullWhereAnAccuracyWouldBe() {
        for (Run run : List.of(regression, classifier)) {
            assertThat(run.reportText()).doesNotContain("NaN");
            JsonNode report = JsonMapper.builder().build().readTree(run.reportText());
            assertThat(report.get("history")).hasSize(EPOCHS).allSatisfy(epoch -> {
                assertThat(epoch.get("trainAccuracy").isNull()).as("trainAccuracy null in %s", epoch).isTrue();
                assertThat(epoch.get("validationAccuracy").isNull()).as("validationAccuracy null in %s", epoch)
                    .isTrue();
                assertThat(epoch.get("validationLoss").isNumber()).isTrue();
            });
            assertThat(report.get("bestModel").get("validationAccuracy").isNull()).isTrue();
            assertThat(report.get("model").get("validationAccuracy").isNull()).isTrue();
        }
    }

    @Test
    void noAccuracyGaugeIsExportedForThem() {
        for (Run run : List.of(regression, classifier)) {
            assertThat(run.meters()).contains("demon.train.loss", "demon.validation.loss")
                .doesNotContain("demon.train.accuracy", "demon.validation.accuracy");
        }
    }

    @Test
    void theirEpochLinesSayNothingOfAccuracy() {
        List<String> epochLines = log.lines().filter(line -> line.contains(" epoch ") && line.contains("β")).toList();
        assertThat(epochLines).hasSize(2 * EPOCHS)
            .allSatisfy(line -> assertThat(line).contains("train loss ").doesNotContain("acc").doesNotContain("NaN"));
    }

    @Test
    void validationAccuracyPropertyIsRefusedAtStartUpNamingThePipelineWithoutAccuracy(CapturedOutput output) {
        Path dir = folder.resolve("refused-property");
        assertThatException().isThrownBy(() -> Run.start(dir, RegressionPipeline.class, RegressionPipeline.NAME,
                "--demon.model.monitor=validation-accuracy"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Pipeline regression cannot pick its best model by demon.model.monitor = "
                    + "\"validation-accuracy\": the pipeline has no accuracy evaluator")
            .contains("Set @TrainingPipeline(name = \"regression\", monitor = \"validation-loss\") on the pipeline "
                    + "(it overrides demon.model.monitor)");
        assertThat(dir.resolve(RegressionPipeline.NAME)).doesNotExist();
    }

    @Test
    void validationAccuracyAttributeIsRefusedAtStartUpNamingThePipeline(CapturedOutput output) {
        Path dir = folder.resolve("refused-attribute");
        assertThatException().isThrownBy(() -> Run.start(dir, RegressionAskingForAccuracy.class, "accuracy-asked"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Pipeline accuracy-asked cannot pick its best model by @TrainingPipeline(monitor) = "
                    + "\"validation-accuracy\": the pipeline has no accuracy evaluator");
    }

    /** What one training of a pipeline left behind. */
    private record Run(PipelineFolder pipelineFolder, TrainingReport report, Set<String> meters) {

        static ConfigurableApplicationContext start(Path dir, Class<?> pipeline, String name, String... properties) {
            List<String> args = new java.util.ArrayList<>(
                    List.of("--demon.enabled=true", "--demon.checkpoint.dir=" + dir, "--demon.epochs=" + EPOCHS,
                            "--demon.seed=7", "--spring.batch.job.name=" + name));
            args.addAll(List.of(properties));
            return new SpringApplicationBuilder(Application.class, pipeline).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
        }

        static Run train(Path dir, Class<?> pipeline, String name, String... properties) throws IOException {
            try (ConfigurableApplicationContext context = start(dir, pipeline, name, properties)) {
                JobRepository jobs = context.getBean(JobRepository.class);
                assertThat(jobs.getLastJobExecution(jobs.getLastJobInstance(name)).getStatus())
                    .isEqualTo(BatchStatus.COMPLETED);
                Set<String> meters = context.getBean(MeterRegistry.class)
                    .getMeters()
                    .stream()
                    .filter(meter -> name.equals(meter.getId().getTag("pipeline")))
                    .map(Meter::getId)
                    .map(Meter.Id::getName)
                    .collect(Collectors.toSet());
                PipelineFolder pipelineFolder = new Workspace(dir).pipeline(name);
                return new Run(pipelineFolder, new ReportWriter().read(pipelineFolder.report()), meters);
            }
        }

        String reportText() {
            try {
                return Files.readString(pipelineFolder.report());
            }
            catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }

        void assertBestModelIsTheLowestValidationLossEpoch(Supplier<Block> block)
                throws IOException, MalformedModelException {
            // The earliest of the lowest, as the monitor breaks ties.
            EpochSummary lowest = report.history()
                .stream()
                .min(Comparator.comparingDouble(EpochSummary::validationLoss))
                .orElseThrow();
            assertThat(lowest.epoch()).as("the scenario's lowest-loss epoch, not the first").isNotEqualTo(1);
            assertThat(report.bestModel().epoch()).isEqualTo(lowest.epoch());
            assertThat(report.bestModel().validationLoss()).isEqualTo(lowest.validationLoss());
            String name = pipelineFolder.name();
            try (Model model = Model.newInstance(name)) {
                model.setBlock(block.get());
                model.load(pipelineFolder.bestModel());
                assertThat(model.getProperty("Epoch")).isEqualTo(Integer.toString(lowest.epoch()));
                assertThat(model.getProperty("ValidationLoss")).isEqualTo(Float.toString(lowest.validationLoss()));
                assertThat(model.getProperty("ValidationAccuracy")).isNull();
            }
        }

    }

}
