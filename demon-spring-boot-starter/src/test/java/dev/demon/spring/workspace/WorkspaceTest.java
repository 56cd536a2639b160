package dev.demon.spring.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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

        assertThat(Workspace.at(relative).root()).isEqualTo(Path.of("demon-checkpoints").toAbsolutePath());
    }

    @Test
    void aPipelinesFolderIsNamedForThePipeline() {
        assertThat(Workspace.at(dir).pipeline("mnist").folder()).isEqualTo(dir.resolve("mnist"));
    }

    @Test
    void aPipelineFolderKnowsItsPipelinesName() {
        assertThat(Workspace.at(dir).pipeline("mnist").name()).isEqualTo("mnist");
    }

    @Test
    void theReportIsReportJsonInThePipelinesFolder() {
        assertThat(Workspace.at(dir).pipeline("mnist").report()).isEqualTo(dir.resolve("mnist/report.json"));
    }

    @Test
    void theLastEpochsModelIsInModel() {
        assertThat(Workspace.at(dir).pipeline("mnist").model()).isEqualTo(dir.resolve("mnist/model"));
    }

    @Test
    void theBestEpochsModelIsInBestModel() {
        assertThat(Workspace.at(dir).pipeline("mnist").bestModel()).isEqualTo(dir.resolve("mnist/best-model"));
    }

    @Test
    void aJobInstancesCheckpointsAreInARunFolderNamedForItsId() {
        assertThat(Workspace.at(dir).pipeline("mnist").run(42)).isEqualTo(dir.resolve("mnist/run-42"));
    }

    @Test
    void theJobRepositoryIsTheH2FileDatabaseBatchInTheFolder() {
        assertThat(Workspace.at(dir).jobRepositoryUrl()).isEqualTo(
                "jdbc:h2:file:" + dir.resolve("batch") + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }

    @Test
    void theJobRepositoryFileIsWhereH2KeepsThatDatabase() throws SQLException {
        Workspace workspace = Workspace.at(dir);

        try (Connection connection = DriverManager.getConnection(workspace.jobRepositoryUrl(), "sa", "")) {
            assertThat(workspace.jobRepositoryFile()).isEqualTo(dir.resolve("batch.mv.db")).isRegularFile();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ".", "..", "../other", "a/b", "a/" })
    void aNameThatIsNotOneFolderNameIsRefused(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> Workspace.at(dir).pipeline(name))
            .withMessage("\"" + name + "\" is not a pipeline folder's name in " + dir);
    }

    @Test
    void workspacesOfTheSameFolderAreEqual() {
        assertThat(Workspace.at(dir.resolve("x/.."))).isEqualTo(Workspace.at(dir)).hasSameHashCodeAs(Workspace.at(dir));
    }

}
