package dev.demon.spring.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layout of {@code demon.checkpoint.dir}: where the job repository, each pipeline's
 * report, checkpoints and models are.
 */
class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void rootIsTheFolderMadeAbsoluteAndNormalised() {
        Path relative = Path.of("checkpoints", "..", "demon-checkpoints");

        assertThat(new Workspace(relative).root()).isEqualTo(Path.of("demon-checkpoints").toAbsolutePath());
    }

    @Test
    void aPipelinesFolderIsNamedForThePipeline() {
        assertThat(new Workspace(dir).pipeline("mnist").folder()).isEqualTo(dir.resolve("mnist"));
    }

    @Test
    void aPipelineFolderKnowsItsPipelinesName() {
        assertThat(new Workspace(dir).pipeline("mnist").name()).isEqualTo("mnist");
    }

    @Test
    void eachGenerationWritesItsReportUnderItsOwnName() {
        assertThat(new Workspace(dir).pipeline("mnist").report(5)).isEqualTo(dir.resolve("mnist/report.g000005.json"));
    }

    @Test
    void eachGenerationSavesItsModelsUnderTheirOwnNames() {
        assertThat(new Workspace(dir).pipeline("mnist").model(5)).isEqualTo(dir.resolve("mnist/model.g000005"));
        assertThat(new Workspace(dir).pipeline("mnist").bestModel(5))
            .isEqualTo(dir.resolve("mnist/best-model.g000005"));
    }

    @Test
    void theReportAndModelsReadAreTheNewestGenerations() throws IOException {
        PipelineFolder mnist = new Workspace(dir).pipeline("mnist");
        Files.createDirectories(mnist.folder());
        Files.writeString(mnist.report(2), "{}");
        Files.writeString(mnist.report(3), "{}");
        Files.createDirectories(mnist.model(2));
        Files.createDirectories(mnist.bestModel(2));
        Files.createDirectories(mnist.bestModel(1));

        assertThat(List.of(mnist.report(), mnist.model(), mnist.bestModel())).containsExactly(
                dir.resolve("mnist/report.g000003.json"), dir.resolve("mnist/model.g000002"),
                dir.resolve("mnist/best-model.g000002"));
    }

    @Test
    void beforeAnyReportOrModelTheirNamesAreThoseWithoutAGeneration() {
        PipelineFolder mnist = new Workspace(dir).pipeline("mnist");
        assertThat(List.of(mnist.report(), mnist.model(), mnist.bestModel())).containsExactly(
                dir.resolve("mnist/report.json"), dir.resolve("mnist/model"), dir.resolve("mnist/best-model"));
    }

    @Test
    void aJobInstancesCheckpointsAreInARunFolderNamedForItsId() {
        assertThat(new Workspace(dir).pipeline("mnist").run(42)).isEqualTo(dir.resolve("mnist/run-42"));
    }

    @Test
    void theJobRepositoryIsTheH2FileDatabaseBatchInTheFolder() {
        assertThat(new Workspace(dir).jobRepositoryUrl()).isEqualTo(
                "jdbc:h2:file:" + dir.resolve("batch") + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }

    @Test
    void theJobRepositoryFileIsWhereH2KeepsThatDatabase() throws SQLException {
        Workspace workspace = new Workspace(dir);

        try (Connection connection = DriverManager.getConnection(workspace.jobRepositoryUrl(), "sa", "")) {
            assertThat(workspace.jobRepositoryFile()).isEqualTo(dir.resolve("batch.mv.db")).isRegularFile();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ".", "..", "../other", "a/b", "a/" })
    void aNameThatIsNotOneFolderNameIsRefused(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Workspace(dir).pipeline(name))
            .withMessage("\"" + name + "\" is not a pipeline folder's name in " + dir);
    }

    @Test
    void workspacesOfTheSameFolderAreEqual() {
        assertThat(new Workspace(dir.resolve("x/.."))).isEqualTo(new Workspace(dir))
            .hasSameHashCodeAs(new Workspace(dir));
    }

}
