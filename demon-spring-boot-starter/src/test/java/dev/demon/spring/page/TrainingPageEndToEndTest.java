package dev.demon.spring.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.SyntheticTrainingApplication;

/**
 * The training page of an application that trained its job at start-up (two epochs of 6
 * updates, T = 12): the page, its script and uPlot from the class path, the JSON it polls
 * with the run's exact β_t and η_t and its report's figures, and nothing but GET.
 */
@SpringBootTest(classes = SyntheticTrainingApplication.class,
        properties = { "demon.enabled=true", "demon.checkpoint.dir=${" + TrainingPageEndToEndTest.DIR_PROPERTY + "}" })
@AutoConfigureMockMvc
@DirtiesContext
class TrainingPageEndToEndTest {

    /** The system property holding the checkpoint folder while the class runs. */
    static final String DIR_PROPERTY = "training-page.checkpoint-dir";

    private static final long T = 2L * SyntheticPipeline.BATCHES_PER_EPOCH;

    @TempDir
    static Path dir;

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

    @Test
    void thePageLoadsItsScriptAndUPlotFromTheApplicationItself() throws Exception {
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
    void theListShowsTheCompletedRun() throws Exception {
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
    void theDetailsCarryTheRunsExactBetaAndEtaAndItsReportedEpochs() throws Exception {
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
        TrainingReport report = new ReportWriter().read(dir.resolve("synthetic").resolve("report.json"));
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
        TrainingReport report = new ReportWriter().read(dir.resolve("synthetic").resolve("report.json"));
        assertThat(last.running()).isFalse();
        assertThat(last.updatesDone()).isEqualTo(T);
        assertThat(last.totalUpdates()).isEqualTo(T);
        assertThat(last.momentum()).isEqualTo(new DemonSchedule(0.9f).momentum(T - 1, T));
        assertThat(last.history()).isEqualTo(report.history());
    }

    @Test
    void aNameThatIsNoPipelineIsNotFound() throws Exception {
        mvc.perform(get("/demon/api/pipelines/unknown"))
            .andExpect(status().isNotFound())
            .andExpect(jsonPath("$.error").value("No pipeline named unknown"));
    }

    @Test
    void thePageIsReadOnly() throws Exception {
        mvc.perform(post("/demon/api/pipelines/synthetic")).andExpect(status().isMethodNotAllowed());
        mvc.perform(delete("/demon/api/pipelines/synthetic")).andExpect(status().isMethodNotAllowed());
        mvc.perform(post("/demon")).andExpect(status().isMethodNotAllowed());
    }

}
