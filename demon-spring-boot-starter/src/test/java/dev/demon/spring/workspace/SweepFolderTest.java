package dev.demon.spring.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;

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
    void theResultsAreSweepJsonInTheSweepsFolder() {
        assertThat(new Workspace(dir).sweep("lr-grid").results()).isEqualTo(dir.resolve("lr-grid/sweep.json"));
    }

    @Test
    void theTrialsTableIsTrialsCsvInTheSweepsFolder() {
        assertThat(new Workspace(dir).sweep("lr-grid").trials()).isEqualTo(dir.resolve("lr-grid/trials.csv"));
    }

    @Test
    void theBestTrialsModelIsInBestModel() {
        assertThat(new Workspace(dir).sweep("lr-grid").bestModel()).isEqualTo(dir.resolve("lr-grid/best-model"));
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
