package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.schedule.DemonSchedule;
import dev.demon.spring.progress.LiveTraining;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.SyntheticTrainingApplication;
import dev.demon.spring.workspace.Workspace;

/**
 * The starter as a user meets it: an application with one {@code @TrainingPipeline},
 * started with {@code demon.enabled=true}, trains its job at start-up (two epochs of 6
 * updates, T = 12), and its training page shows the run.
 *
 * <p>
 * The checkpoint folder is this class's temporary folder. It reaches the application
 * through a placeholder in the test properties, resolved from a system property set
 * before the context starts: the starter reads {@code demon.checkpoint.dir} in its
 * environment post-processor, which runs before {@code @DynamicPropertySource} values are
 * added. The context is closed after the class, before its folder is deleted.
 */
@SpringBootTest(classes = SyntheticTrainingApplication.class,
        properties = { "demon.enabled=true", "demon.checkpoint.dir=${" + TrainingJobEndToEndTest.DIR_PROPERTY + "}" })
@AutoConfigureMockMvc
@DirtiesContext
class TrainingJobEndToEndTest {

    /** The system property holding the checkpoint folder while the class runs. */
    static final String DIR_PROPERTY = "end-to-end.checkpoint-dir";

    @TempDir
    static Path dir;

    private static final long T = 2L * SyntheticPipeline.BATCHES_PER_EPOCH;

    private static final String TAGS = "optimizer=\"sgdm\",pipeline=\"synthetic\",schedule=\"demon\",sweep=\"\",trial=\"\"";

    @Autowired
    private JobRepository jobRepository;

    @Autowired
    private MeterRegistry meterRegistry;

    @Autowired
    private MockMvc mvc;

    @Autowired
    private LiveTrainings live;

    @BeforeAll
    static void checkpointIntoTheTemporaryFolder() {
        System.setProperty(DIR_PROPERTY, dir.toString());
    }

    @AfterAll
    static void forgetTheTemporaryFolder() {
        System.clearProperty(DIR_PROPERTY);
    }

    private JobExecution lastExecution() {
        JobInstance instance = jobRepository.getLastJobInstance(SyntheticPipeline.NAME);
        assertThat(instance).isNotNull();
        return jobRepository.getLastJobExecution(instance);
    }

    @Test
    void jobCompletesWithExactlyOneStepPerEpochThenThePromotionStep() {
        JobExecution execution = lastExecution();
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
            .containsExactlyInAnyOrder("synthetic-epoch-1", "synthetic-epoch-2", "synthetic-promotion");
        assertThat(execution.getStepExecutions()).extracting(StepExecution::getStatus)
            .containsOnly(BatchStatus.COMPLETED);
    }

    @Test
    void momentumGaugeEqualsDemonAtTheLastUpdate() {
        StepExecution lastEpoch = lastExecution().getStepExecutions()
            .stream()
            .filter(step -> step.getStepName().equals("synthetic-epoch-2"))
            .findFirst()
            .orElseThrow();
        long updatesDone = lastEpoch.getExecutionContext().getLong(EpochTasklet.UPDATES_DONE);
        assertThat(updatesDone).isEqualTo(T);
        double gauge = meterRegistry.get("demon.momentum").tag("pipeline", "synthetic").gauge().value();
        // The gauge shows β of the latest update, the one with 0-based index updatesDone
        // - 1.
        assertThat(gauge).isEqualTo(new DemonSchedule(0.9f).momentum(updatesDone - 1, T));
    }

    @Test
    void countersCountEveryUpdateAndSample() {
        assertThat(meterRegistry.get("demon.train.updates").tag("pipeline", "synthetic").counter().count())
            .isEqualTo(T);
        assertThat(meterRegistry.get("demon.train.samples").tag("pipeline", "synthetic").counter().count())
            .isEqualTo(2.0 * SyntheticPipeline.TRAINING_SAMPLES);
        assertThat(meterRegistry.get("demon.train.batch").tag("pipeline", "synthetic").timer().count()).isEqualTo(T);
    }

    @Test
    void prometheusCarriesEveryContractMetricWithItsTags() throws Exception {
        String scrape = mvc.perform(get("/actuator/prometheus"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        for (String series : List.of("demon_momentum", "demon_learning_rate", "demon_epoch", "demon_train_loss",
                "demon_train_accuracy", "demon_validation_loss", "demon_validation_accuracy",
                "demon_train_updates_total", "demon_train_samples_total", "demon_train_batch_seconds_count",
                "demon_train_batch_seconds_sum", "demon_train_batch_seconds_max")) {
            assertThat(scrape).contains(series + "{" + TAGS + "}");
        }
        assertThat(scrape).contains("demon_epoch{" + TAGS + "} 2.0")
            .contains("demon_train_updates_total{" + TAGS + "} 12.0");
        // Spring Batch's own observations stay on.
        assertThat(scrape).contains("spring_batch_job_seconds_count").contains("spring_batch_step_seconds_count");
    }

    @Test
    void deprecatedUpdateCounterStillCountsUnderItsFormerName() throws Exception {
        String scrape = mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString();
        assertThat(scrape).contains("demon_train_steps_total{" + TAGS + "} 12.0");
    }

    @Test
    void reportMatchesTheRun() throws IOException {
        TrainingReport report = new ReportWriter().read(new Workspace(dir).pipeline("synthetic").report());
        DemonSchedule demon = new DemonSchedule(0.9f);
        assertThat(report.pipeline()).isEqualTo("synthetic");
        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.optimizer()).isEqualTo("sgdm");
        assertThat(report.schedule()).isEqualTo("demon");
        assertThat(report.epochs()).isEqualTo(2);
        assertThat(report.totalUpdates()).isEqualTo(T);
        assertThat(report.updatesDone()).isEqualTo(T);
        assertThat(report.finalMomentum()).isEqualTo(demon.momentum(T - 1, T));
        assertThat(report.wallSeconds()).isPositive();
        assertThat(report.history()).extracting(EpochSummary::epoch).containsExactly(1, 2);
        assertThat(report.history()).extracting(EpochSummary::momentum)
            .containsExactly(demon.momentum(SyntheticPipeline.BATCHES_PER_EPOCH - 1, T), demon.momentum(T - 1, T));
        assertThat(report.history()).extracting(EpochSummary::learningRate).containsOnly(0.01f);
        assertThat(report.history()).allSatisfy(epoch -> {
            assertThat(epoch.trainLoss()).isFinite().isPositive();
            assertThat(epoch.validationLoss()).isFinite().isPositive();
            assertThat(epoch.trainAccuracy()).isBetween(0f, 1f);
            assertThat(epoch.validationAccuracy()).isBetween(0f, 1f);
            assertThat(epoch.samplesPerSecond()).isPositive();
        });
    }

    @Test
    void reportIsTheContractsJson() throws IOException {
        String json = Files.readString(new Workspace(dir).pipeline("synthetic").report());
        for (String field : List.of("pipeline", "status", "optimizer", "schedule", "epochs", "totalUpdates",
                "updatesDone", "finalMomentum", "wallSeconds", "history", "trainLoss", "trainAccuracy",
                "validationLoss", "validationAccuracy", "momentum", "learningRate", "samplesPerSecond")) {
            assertThat(json).contains("\"" + field + "\"");
        }
    }

    @Test
    void reportAlsoWritesTheUpdateCountersUnderTheirDeprecatedNames() throws IOException {
        JsonNode json = JsonMapper.builder()
            .build()
            .readTree(new Workspace(dir).pipeline("synthetic").report().toFile());
        assertThat(json.get("totalSteps").asLong()).isEqualTo(json.get("totalUpdates").asLong()).isEqualTo(T);
        assertThat(json.get("stepsDone").asLong()).isEqualTo(json.get("updatesDone").asLong()).isEqualTo(T);
    }

    @Test
    void checkpointsOfTheLastTwoEpochsAreKept() throws IOException {
        Path run = dir.resolve("synthetic").resolve("run-" + lastExecution().getJobInstance().getInstanceId());
        assertThat(new dev.demon.spring.checkpoint.CheckpointStore(run).files()).extracting(Path::getFileName)
            .extracting(Path::toString)
            .containsExactly("epoch-0002.g000001.ckpt", "epoch-0001.g000001.ckpt");
    }

    @Test
    void jobRepositoryIsTheH2DatabaseInTheCheckpointFolder() {
        assertThat(dir.resolve("batch.mv.db")).isRegularFile();
    }

    @Test
    void onlyHealthInfoAndPrometheusAnswerOverHttp() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/info")).andExpect(status().isOk());
        for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/metrics",
                "/actuator/loggers", "/actuator/heapdump", "/actuator/threaddump", "/h2-console")) {
            mvc.perform(get(hidden)).andExpect(status().isNotFound());
        }
    }

    @Test
    void trainingPageLoadsItsScriptAndUPlotFromTheApplicationItself() throws Exception {
        String html = mvc.perform(get("/demon"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
            .andReturn()
            .getResponse()
            .getContentAsString();
        assertThat(html).contains("src=\"/demon/assets/uPlot.iife.min.js\"")
            .contains("src=\"/demon/assets/training-page.js\"")
            .contains("href=\"/demon/assets/uPlot.min.css\"")
            .doesNotContain("//cdn")
            .doesNotContain("https:");
        assertThat(mvc.perform(get("/demon/assets/uPlot.iife.min.js"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString()).contains("uPlot");
        mvc.perform(get("/demon/assets/uPlot.min.css")).andExpect(status().isOk());
        mvc.perform(get("/demon/assets/training-page.js")).andExpect(status().isOk());
    }

    @Test
    void trainingPageListsTheCompletedRun() throws Exception {
        mvc.perform(get("/demon/api/pipelines"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$[0].pipeline").value("synthetic"))
            .andExpect(jsonPath("$[0].status").value("COMPLETED"))
            .andExpect(jsonPath("$[0].epoch").value(2))
            .andExpect(jsonPath("$[0].epochs").value(2))
            .andExpect(jsonPath("$[0].updatesDone").value(T))
            .andExpect(jsonPath("$[0].totalUpdates").value(T))
            .andExpect(jsonPath("$[0].secondsLeft").value(0.0));
    }

    @Test
    void trainingPageCarriesTheRunsExactBetaAndEtaAndItsReportedEpochs() throws Exception {
        String body = mvc.perform(get("/demon/api/pipelines/synthetic"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
        JsonNode details = JsonMapper.builder().build().readTree(body);
        DemonSchedule demon = new DemonSchedule(0.9f);
        for (int t = 0; t < T; t++) {
            assertThat(details.get("updates").get("update").get(t).asLong()).isEqualTo(t);
            assertThat(details.get("updates").get("momentum").get(t).floatValue()).isEqualTo(demon.momentum(t, T));
            assertThat(details.get("updates").get("learningRate").get(t).floatValue()).isEqualTo(0.01f);
        }
        TrainingReport report = new ReportWriter().read(new Workspace(dir).pipeline("synthetic").report());
        for (int epoch = 0; epoch < 2; epoch++) {
            JsonNode shown = details.get("history").get(epoch);
            assertThat(shown.get("trainLoss").floatValue()).isEqualTo(report.history().get(epoch).trainLoss());
            assertThat(shown.get("validationLoss").floatValue())
                .isEqualTo(report.history().get(epoch).validationLoss());
            assertThat(shown.get("validationAccuracy").floatValue())
                .isEqualTo(report.history().get(epoch).validationAccuracy());
            assertThat(shown.get("samplesPerSecond").doubleValue())
                .isEqualTo(report.history().get(epoch).samplesPerSecond());
        }
        assertThat(body).doesNotContain(dir.toString()).doesNotContain("path");
    }

    @Test
    void theJobPublishedItsProgressUntilItEnded() throws IOException {
        LiveTraining last = live.of("synthetic").orElseThrow();
        TrainingReport report = new ReportWriter().read(new Workspace(dir).pipeline("synthetic").report());
        assertThat(last.running()).isFalse();
        assertThat(last.updatesDone()).isEqualTo(T);
        assertThat(last.totalUpdates()).isEqualTo(T);
        assertThat(last.momentum()).isEqualTo(new DemonSchedule(0.9f).momentum(T - 1, T));
        assertThat(last.history()).isEqualTo(report.history());
    }

    @Test
    void trainingPageOfANameThatIsNoPipelineIsNotFound() throws Exception {
        mvc.perform(get("/demon/api/pipelines/unknown"))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.error").value("No pipeline named unknown"));
    }

    @Test
    void trainingPageIsReadOnly() throws Exception {
        mvc.perform(post("/demon/api/pipelines/synthetic")).andExpect(status().isMethodNotAllowed());
        mvc.perform(delete("/demon/api/pipelines/synthetic")).andExpect(status().isMethodNotAllowed());
        mvc.perform(post("/demon")).andExpect(status().isMethodNotAllowed());
    }

}
