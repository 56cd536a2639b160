package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.SavedModel;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.SavedModelEvaluation;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;

/**
 * A completed job saves {@code model/} (the last epoch) and {@code best-model/} (the best
 * epoch by {@code demon.model.monitor}), named for its lease generation (the first
 * process of each folder holds generation 1), with DJL's {@code Model.save}; each loads
 * with {@code Model.load} and evaluates on the validation set to exactly the figures
 * report.json gives. With η0 = 4 the synthetic job's validation accuracy peaks in epoch 1
 * and its validation loss in epoch 3, so the two monitors pick different epochs and the
 * best one is not among the newest two checkpoints.
 */
class ModelExportTest {

    private static final String LEARNING_RATE = "--demon.learning-rate.initial=4";

    @TempDir
    static Path folder;

    private static TrainingRun byAccuracy;

    private static TrainingRun byLoss;

    private static TrainingRun resumed;

    @BeforeAll
    static void trainThreeEpochsWithEachMonitorAndOnceWithACrash() {
        byAccuracy = TrainingRun.startWith(folder.resolve("accuracy"), DataFault.NONE, LEARNING_RATE);
        byLoss = TrainingRun.startWith(folder.resolve("loss"), DataFault.NONE, LEARNING_RATE,
                "--demon.model.monitor=validation-loss");
        TrainingRun.startWith(folder.resolve("resumed"), DataFault.inEpoch(DataFault.Kind.ERROR, 3), LEARNING_RATE);
        resumed = TrainingRun.startWith(folder.resolve("resumed"), DataFault.NONE, LEARNING_RATE);
    }

    @Test
    void modelFolderHoldsTheLastEpochsParametersInDjlsFormat() throws IOException {
        assertThat(fileNames(pipelineFolder("accuracy").resolve("model.g000001")))
            .containsExactly("synthetic-0003.params");
    }

    @Test
    void reportNamesTheLastEpochsModelWithItsValidationFigures() {
        EpochSummary last = byAccuracy.report().history().get(TrainingRun.EPOCHS - 1);
        assertThat(byAccuracy.report().model()).isEqualTo(saved("accuracy", "model.g000001", last));
    }

    @Test
    void bestModelIsTheEpochWithTheHighestValidationAccuracyByDefault() throws IOException {
        EpochSummary best = byAccuracy.report()
            .history()
            .stream()
            .max(Comparator.comparingDouble(EpochSummary::validationAccuracy))
            .orElseThrow();
        assertThat(best.epoch()).as("the scenario's best epoch by accuracy").isEqualTo(1);
        assertThat(fileNames(pipelineFolder("accuracy").resolve("best-model.g000001")))
            .containsExactly("synthetic-0001.params");
        assertThat(byAccuracy.report().bestModel()).isEqualTo(saved("accuracy", "best-model.g000001", best));
    }

    @Test
    void validationLossMonitorPicksTheEpochWithTheLowestValidationLoss() throws IOException {
        EpochSummary best = byLoss.report()
            .history()
            .stream()
            .min(Comparator.comparingDouble(EpochSummary::validationLoss))
            .orElseThrow();
        assertThat(best.epoch()).as("the scenario's best epoch by loss").isEqualTo(3);
        assertThat(fileNames(pipelineFolder("loss").resolve("best-model.g000001")))
            .containsExactly("synthetic-0003.params");
        assertThat(byLoss.report().bestModel()).isEqualTo(saved("loss", "best-model.g000001", best));
    }

    @Test
    void eachSavedModelLoadsAndEvaluatesToTheReportedFigures() throws Exception {
        TrainingReport report = byAccuracy.report();
        for (SavedModel saved : new SavedModel[] { report.model(), report.bestModel() }) {
            assertThat(SavedModelEvaluation.of(Path.of(saved.path()))).isEqualTo(new SavedModelEvaluation(
                    Integer.toString(saved.epoch()), saved.validationLoss(), saved.validationAccuracy()));
        }
    }

    @Test
    void bestEpochsCheckpointIsKeptBesideTheTwoNewest() {
        assertThat(byAccuracy.checkpoints()).extracting(Path::getFileName)
            .extracting(Path::toString)
            .containsExactly("epoch-0003.g000001.ckpt", "epoch-0002.g000001.ckpt", "epoch-0001.g000001.ckpt");
        assertThat(byLoss.checkpoints()).extracting(Path::getFileName)
            .extracting(Path::toString)
            .containsExactly("epoch-0003.g000001.ckpt", "epoch-0002.g000001.ckpt");
    }

    @Test
    void runResumedAfterAFailureStillSavesItsBestEpoch() throws Exception {
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        SavedModel uninterrupted = byAccuracy.report().bestModel();
        assertThat(resumed.report().bestModel()).isEqualTo(new SavedModel(
                pipelineFolder("resumed").resolve("best-model.g000002").toAbsolutePath().normalize().toString(),
                uninterrupted.epoch(), uninterrupted.validationLoss(), uninterrupted.validationAccuracy()));
        assertThat(SavedModelEvaluation.of(Path.of(resumed.report().bestModel().path())))
            .isEqualTo(SavedModelEvaluation.of(Path.of(byAccuracy.report().bestModel().path())));
    }

    @Test
    void runResumedByANewerHolderKeepsOnlyItsCheckpointsOnceCompleted() {
        // Generation 1 trained epochs 1 and 2 (the best by accuracy) and failed in
        // epoch 3; generation 2 trained epoch 3, saved the models, then deleted what
        // generation 1 left.
        assertThat(resumed.checkpoints()).extracting(Path::getFileName)
            .extracting(Path::toString)
            .containsExactly("epoch-0003.g000002.ckpt");
    }

    @Test
    void reportRecordsTheConfigurationTheRunWasStartedWith() {
        assertThat(byLoss.report().configuration()).satisfies(configuration -> {
            assertThat(configuration.optimizer()).isEqualTo("sgdm");
            assertThat(configuration.momentumSchedule()).isEqualTo("demon");
            assertThat(configuration.betaInit()).isEqualTo(0.9f);
            assertThat(configuration.decayStart()).isEqualTo(0f);
            assertThat(configuration.learningRate()).isEqualTo(4f);
            assertThat(configuration.learningRateSchedule()).isEqualTo("fixed");
            assertThat(configuration.weightDecay()).isEqualTo(0f);
            assertThat(configuration.epochs()).isEqualTo(TrainingRun.EPOCHS);
            assertThat(configuration.batchSize()).isEqualTo(SyntheticPipeline.BATCH_SIZE);
            assertThat(configuration.seed()).isEqualTo(7);
            assertThat(configuration.engine()).isEqualTo("MXNet");
        });
    }

    private static Path pipelineFolder(String run) {
        return folder.resolve(run).resolve(SyntheticPipeline.NAME);
    }

    private static SavedModel saved(String run, String name, EpochSummary epoch) {
        return new SavedModel(pipelineFolder(run).resolve(name).toAbsolutePath().normalize().toString(), epoch.epoch(),
                epoch.validationLoss(), epoch.validationAccuracy());
    }

    private static String[] fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

}
