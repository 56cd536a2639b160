package dev.demon.spring.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a sweep keeps its results, its best model and its trials' checkpoints.
 */
class SweepFolderTest {

    @TempDir
    Path dir;

    @Test
    void aSweepsFolderIsNamedForTheSweep() {
        assertThat(new Workspace(dir).sweep("lr-grid").folder()).isEqualTo(dir.resolve("lr-grid"));
    }

    @Test
    void eachGenerationWritesTheResultsTableAndBestModelUnderTheirOwnNames() {
        SweepFolder sweep = new Workspace(dir).sweep("lr-grid");
        assertThat(List.of(sweep.results(4), sweep.trials(4), sweep.bestModel(4))).containsExactly(
                dir.resolve("lr-grid/sweep.g000004.json"), dir.resolve("lr-grid/trials.g000004.csv"),
                dir.resolve("lr-grid/best-model.g000004"));
    }

    @Test
    void theResultsTableAndBestModelReadAreTheNewestGenerations() throws IOException {
        SweepFolder sweep = new Workspace(dir).sweep("lr-grid");
        Files.createDirectories(sweep.folder());
        for (long generation : new long[] { 0, 3, 4 }) {
            Files.writeString(sweep.results(generation), "{}");
            Files.writeString(sweep.trials(generation), "");
        }
        Files.createDirectories(sweep.bestModel(3));

        assertThat(List.of(sweep.results(), sweep.trials(), sweep.bestModel())).containsExactly(
                dir.resolve("lr-grid/sweep.g000004.json"), dir.resolve("lr-grid/trials.g000004.csv"),
                dir.resolve("lr-grid/best-model.g000003"));
    }

    @Test
    void aTrialsCheckpointsAreInItsFolderInsideTheJobInstancesRunFolder() {
        assertThat(new Workspace(dir).sweep("lr-grid").trial(3, "trial-0007"))
            .isEqualTo(dir.resolve("lr-grid/run-3/trial-0007"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ".", "..", "a/b" })
    void aSweepNameThatIsNotOneFolderNameIsRefused(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Workspace(dir).sweep(name));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ".", "..", "a/b" })
    void aTrialNameThatIsNotOneFolderNameIsRefused(String trial) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Workspace(dir).sweep("lr-grid").trial(1, trial));
    }

}
