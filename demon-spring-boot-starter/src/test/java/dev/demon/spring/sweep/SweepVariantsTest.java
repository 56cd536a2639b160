package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.StandardEnvironment;

import dev.demon.spring.autoconfigure.ConfigurationChangedFailureAnalyzer;
import dev.demon.spring.report.ReportJson;
import dev.demon.spring.workspace.Workspace;

/**
 * A grid sweep of 2 named variants (linked momentum settings) × 2 learning rates, end to
 * end: each trial trains its variant's settings with its learning rate and records its
 * variant in its parameters, {@code sweep.json} and {@code trials.csv}; a resumed sweep
 * whose variant changed is refused by the variant's setting.
 */
class SweepVariantsTest {

    private static final String VARIANTS = """
                  variants:
                    plain: { momentum.schedule: constant, momentum.beta-init: 0.5 }
                    demon: { momentum.schedule: demon }
                  parameters:
                    learning-rate.initial: [0.01, 0.05]
            """;

    @TempDir
    static Path folder;

    private static SweepRun sweep;

    private static SweepReport results;

    @BeforeAll
    static void sweepTheVariants() throws IOException {
        sweep = SweepRun.start(folder, SweepRun.yaml(folder, VARIANTS));
        results = ReportJson.mapper()
            .readValue(new Workspace(folder).sweep("lr").results().toFile(), SweepReport.class);
    }

    @Test
    void everyTrialCompletes() {
        assertThat(sweep.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(sweep.trainings()).isEqualTo(4);
    }

    @Test
    void trialsAreEachVariantInDeclaredOrderCrossedWithTheParametersTheVariantFirst() {
        assertThat(List.of("trial-0001", "trial-0002", "trial-0003", "trial-0004"))
            .extracting(trial -> sweep.progress(trial).parameters())
            .containsExactly(Map.of("variant", "plain", "learning-rate.initial", "0.01"),
                    Map.of("variant", "plain", "learning-rate.initial", "0.05"),
                    Map.of("variant", "demon", "learning-rate.initial", "0.01"),
                    Map.of("variant", "demon", "learning-rate.initial", "0.05"));
        assertThat(sweep.progress("trial-0001").parameters().keySet()).containsExactly("variant",
                "learning-rate.initial");
    }

    @Test
    void eachTrialTrainsWithItsVariantsSettings() {
        assertThat(results.trials())
            .extracting(trial -> trial.parameters().get("variant"), trial -> trial.configuration().momentumSchedule(),
                    trial -> trial.configuration().betaInit(), trial -> trial.configuration().learningRate())
            .containsExactly(tuple("plain", "constant", 0.5f, 0.01f), tuple("plain", "constant", 0.5f, 0.05f),
                    tuple("demon", "demon", 0.9f, 0.01f), tuple("demon", "demon", 0.9f, 0.05f));
    }

    @Test
    void trialsCsvHasTheVariantAsItsFirstParameterColumn() throws IOException {
        List<String> rows = Files.readString(new Workspace(folder).sweep("lr").trials()).lines().toList();
        assertThat(rows.get(0)).isEqualTo(
                "trial,variant,learning-rate.initial,status,attempts,best_epoch,best_objective,updates,seconds,host");
        assertThat(rows.subList(1, rows.size()))
            .extracting(row -> String.join(",", List.of(row.split(",")).subList(0, 4)))
            .containsExactly("trial-0001,plain,0.01,COMPLETED", "trial-0002,plain,0.05,COMPLETED",
                    "trial-0003,demon,0.01,COMPLETED", "trial-0004,demon,0.05,COMPLETED");
    }

    @Test
    void anUnfinishedSweepWhoseVariantChangedIsRefusedNamingTheVariantsSetting(@TempDir Path unfinished)
            throws IOException {
        SweptRegression.onEvaluation = evaluation -> {
            throw new IllegalStateException("injected fault");
        };
        try {
            SweepRun.start(unfinished, SweepRun.yaml(unfinished, VARIANTS));
        }
        finally {
            SweptRegression.onEvaluation = evaluation -> {
            };
        }
        int trainings = SweptRegression.trainings.get();
        Throwable failure = catchThrowable(
                () -> SweepRun.start(unfinished, SweepRun.yaml(unfinished, VARIANTS.replace("0.5", "0.7"))));
        FailureAnalysis analysis = new ConfigurationChangedFailureAnalyzer(new StandardEnvironment()).analyze(failure);
        assertThat(analysis.getDescription()).contains("The unfinished run of job lr")
            .contains("demon.sweeps.lr.variants.plain.momentum.beta-init: 0.5 when the run started, 0.7 now");
        assertThat(SweptRegression.trainings.get()).isEqualTo(trainings);
    }

}
