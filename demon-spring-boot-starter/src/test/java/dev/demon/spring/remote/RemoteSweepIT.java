package dev.demon.spring.remote;

import static dev.demon.spring.remote.RemoteSweepProcesses.RUN_TIMEOUT;
import static dev.demon.spring.remote.RemoteSweepProcesses.SWEEP;
import static dev.demon.spring.remote.RemoteSweepProcesses.awaitStarted;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.demon.spring.report.ReportJson;
import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.LoopbackPostgresDatabases;
import dev.demon.spring.workspace.Workspace;

/**
 * A sweep's trials trained by worker processes: a manager embedding the broker, two
 * workers, a PostgreSQL JobRepository, each a JVM of its own.
 */
class RemoteSweepIT {

    private static final String TRIAL_STEPS = "SELECT STEP_NAME, COUNT(*), MIN(STATUS), MAX(STATUS) "
            + "FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE '" + SWEEP + "-trial:%' GROUP BY STEP_NAME "
            + "ORDER BY STEP_NAME";

    @RegisterExtension
    static final LoopbackPostgresDatabases postgres = new LoopbackPostgresDatabases();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path workDir;

    @Test
    void twoWorkersTrainEveryTrialOnceAndTheSweepCompletes() throws Exception {
        try (RemoteSweepProcesses sweep = new RemoteSweepProcesses(workDir, postgres.database(),
                "0.01,0.02,0.03,0.04")) {
            ChildProcess manager = sweep.manager("manager");
            awaitStarted(manager);
            ChildProcess first = sweep.worker("worker-1");
            ChildProcess second = sweep.worker("worker-2");

            assertThat(manager.waitForExit(RUN_TIMEOUT)).as("manager's exit code%n%s", manager.logTail()).isZero();
            String logs = Files.readString(first.log()) + Files.readString(second.log());
            for (String trial : List.of("trial-0001", "trial-0002", "trial-0003", "trial-0004")) {
                assertThat(Pattern.compile(SWEEP + " " + trial + " \\(attempt 1\\): ").matcher(logs).results())
                    .as(trial + " started by the workers")
                    .hasSize(1);
            }
            assertThat(logs).doesNotContain("(attempt 2)");
            assertThat(postgres.database().query(TRIAL_STEPS)).containsExactly(
                    List.of(SWEEP + "-trial:trial-0001", 1L, "COMPLETED", "COMPLETED"),
                    List.of(SWEEP + "-trial:trial-0002", 1L, "COMPLETED", "COMPLETED"),
                    List.of(SWEEP + "-trial:trial-0003", 1L, "COMPLETED", "COMPLETED"),
                    List.of(SWEEP + "-trial:trial-0004", 1L, "COMPLETED", "COMPLETED"));
            JsonNode results = sweepJson(sweep);
            assertThat(results.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(results.get("trials")).hasSize(4).allSatisfy(trial -> {
                assertThat(trial.get("status").asString()).isEqualTo("COMPLETED");
                assertThat(trial.get("attempts").asInt()).isEqualTo(1);
                assertThat(trial.get("objective")).hasSize(4);
            });
        }
    }

    private static JsonNode sweepJson(RemoteSweepProcesses sweep) throws Exception {
        return ReportJson.mapper()
            .readTree(Files.readString(new Workspace(sweep.checkpoints()).sweep(SWEEP).results()));
    }

}
