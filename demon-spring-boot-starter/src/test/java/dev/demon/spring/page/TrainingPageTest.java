package dev.demon.spring.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.schedule.DemonSchedule;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.progress.LiveTraining;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.promotion.ChampionPointer;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.ModelVersion;
import dev.demon.spring.report.PromotionDecision;
import dev.demon.spring.report.ReportJson;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.SavedModel;
import dev.demon.spring.report.TrainingConfiguration;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.testing.GenerationLease;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;
import dev.demon.spring.workspace.WriteWindow;

/**
 * What the page shows of a pipeline: a training of this process from its live snapshot, a
 * finished run from its report.json (curves from the recorded configuration, not the
 * application's), a pipeline never run as such; never a path.
 */
class TrainingPageTest {

    /** The application's configuration: Demon from 0.9, η0 = 0.01 fixed. */
    private final DemonOptimizerFactory optimizers = new DemonOptimizerFactory(OptimizerType.SGDM,
            new DemonSchedule(0.9f), new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, 0.01f), 0f);

    private final LiveTrainings live = new LiveTrainings();

    private final EpochSummary firstEpoch = new EpochSummary(1, 0.9f, Float.NaN, 0.8f, Float.NaN, 0.85f, 0.01f, 640.5);

    @Test
    void aTrainingOfThisProcessIsShownFromItsSnapshot(@TempDir Path checkpoints) {
        live.publish(new LiveTraining("regression", true, "sgdm", new DemonSchedule(0.9f), 3, 5, 9, 0.7f, 0.01f, 0.42f,
                Float.NaN, List.of(firstEpoch), 12.0));
        TrainingPage page = new TrainingPage(new Workspace(checkpoints), List.of("regression"), live, optimizers);

        PipelineDetails details = page.pipeline("regression").orElseThrow();

        assertThat(details.summary()).isEqualTo(new PipelineSummary("regression", "STARTED", "sgdm", "demon", 2, 3, 5,
                9, 12.0, 0.7f, 0.01f, 0.42f, null));
        assertThat(details.history()).containsExactly(new EpochFigures(1, 0.9f, null, 0.8f, null, 0.85f, 0.01f, 640.5));
        assertThat(details.updates().update()).hasSize(9);
        assertThat(details.updates().momentum().get(8)).isEqualTo(new DemonSchedule(0.9f).momentum(8, 9));
    }

    @Test
    void aFinishedRunIsShownFromItsReportWithTheRecordedConfiguration(@TempDir Path checkpoints) throws IOException {
        // Recorded with β_init 0.8 and η0 = 0.05, while the application now says 0.9 and
        // 0.01.
        TrainingConfiguration recorded = new TrainingConfiguration("sgdm", "demon", 0.8f, 0f, 0.05f, "fixed", null, 0f,
                1, 32, null, "MXNet", "1.9.0");
        SavedModel model = new SavedModel(checkpoints.resolve("regression/model").toString(), 1, 0.8f, Float.NaN);
        new ReportWriter().write(new TrainingReport("regression", "COMPLETED", "sgdm", "demon", 1, 4, 4, 0.1f, 3.5,
                List.of(firstEpoch), recorded, model, model, 0), checkpoints.resolve("regression/report.json"));
        TrainingPage page = new TrainingPage(new Workspace(checkpoints), List.of("regression"), live, optimizers);

        PipelineDetails details = page.pipeline("regression").orElseThrow();

        assertThat(details.summary()).isEqualTo(new PipelineSummary("regression", "COMPLETED", "sgdm", "demon", 1, 1, 4,
                4, 0.0, 0.1f, 0.01f, 0.9f, null));
        DemonSchedule recordedSchedule = new DemonSchedule(0.8f);
        assertThat(details.updates().momentum()).containsExactly(recordedSchedule.momentum(0, 4),
                recordedSchedule.momentum(1, 4), recordedSchedule.momentum(2, 4), recordedSchedule.momentum(3, 4));
        assertThat(details.updates().learningRate()).containsOnly(0.05f);
        assertThat(JsonMapper.builder().build().writeValueAsString(details)).doesNotContain(checkpoints.toString())
            .doesNotContain("path")
            .doesNotContain("NaN");
    }

    @Test
    void everyModelVersionIsListedNewestFirstWithItsDecisionAndTheServedOneMarked(@TempDir Path checkpoints)
            throws IOException {
        PipelineFolder folder = new Workspace(checkpoints).pipeline("regression");
        ModelVersion first = new ModelVersion("run-1.g000001", folder.version("run-1.g000001").toString(), 1L, 1, 3,
                0.5f);
        ModelVersion second = new ModelVersion("run-2.g000002", folder.version("run-2.g000002").toString(), 2L, 2, 2,
                0.75f);
        ReportJson.write(new PromotionDecision("if-better", "validation-loss", 0f, true, "no model was served yet",
                first, null, 1, "2026-12-05T06:00:00Z"), folder.versions().resolve("run-1.g000001.json"));
        ReportJson.write(new PromotionDecision("if-better", "validation-loss", 0f, false, "not better", second, first,
                2, "2026-12-05T07:00:00Z"), folder.versions().resolve("run-2.g000002.json"));
        new ChampionPointer("run-1.g000001", 1L, 1, 1, "2026-12-05T06:00:00Z").write(folder, new GenerationLease(1),
                WriteWindow.NONE);
        TrainingPage page = new TrainingPage(new Workspace(checkpoints), List.of("regression"), live, optimizers);

        PipelineDetails details = page.pipeline("regression").orElseThrow();

        assertThat(details.models()).containsExactly(
                new ModelVersionLine("run-2.g000002", false, false, "validation-loss", 0.75f, 0.5f, 2, "not better",
                        "2026-12-05T07:00:00Z"),
                new ModelVersionLine("run-1.g000001", true, true, "validation-loss", 0.5f, null, 3,
                        "no model was served yet", "2026-12-05T06:00:00Z"));
        assertThat(JsonMapper.builder().build().writeValueAsString(details)).doesNotContain(checkpoints.toString());
    }

    @Test
    void aPipelineNeverRunIsNotStarted(@TempDir Path checkpoints) {
        TrainingPage page = new TrainingPage(new Workspace(checkpoints), List.of("regression"), live, optimizers);

        assertThat(page.pipelines()).extracting(PipelineSummary::status).containsExactly("NOT_STARTED");
        assertThat(page.pipeline("regression").orElseThrow().updates().update()).isEmpty();
    }

    @Test
    void aNameThatIsNoPipelineHasNoDetails(@TempDir Path checkpoints) {
        TrainingPage page = new TrainingPage(new Workspace(checkpoints), List.of("regression"), live, optimizers);

        assertThat(page.pipeline("../regression")).isEmpty();
        assertThat(page.pipeline("other")).isEmpty();
    }

}
