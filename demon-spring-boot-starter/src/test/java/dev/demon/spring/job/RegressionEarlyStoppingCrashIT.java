package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

import dev.demon.spring.checkpoint.Checkpoint;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.checkpoint.EarlyStoppingState;
import dev.demon.spring.report.EarlyStop;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.ReportJson;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.CommandLineRegressionApplication;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.RegressionPipeline;
import dev.demon.spring.testing.ResumedRun;
import dev.demon.spring.testing.TestClassesJvm;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;

/**
 * Early stopping of a regression without evaluators, monitored by its validation loss
 * (the pipeline's monitor, the only figure it has), in real processes:
 * {@link CommandLineRegressionApplication} trains {@link RegressionPipeline} planned for
 * 6 epochs of 8 updates with patience 2 and a min-delta of 1000, once without
 * interruption and once killed with {@code kill -9} in the middle of the patience, then
 * started again with the same command but the pause that held it there, in each mode. An
 * L2 loss is never negative, so no epoch can beat a best below 1000 by more than 1000:
 * epoch 1 sets the best, epochs 2 and 3 wait, and the check after epoch 3 decides to
 * stop; {@code stop} ends after epoch 3, {@code decay-then-stop} after its decay epoch, 4
 * ({@link RegressionEarlyStoppingJobTest} trains the same in one JVM, failed by an
 * exception instead).
 *
 * <p>
 * The killed run stands still in epoch 3 ({@link DataFault.Kind#PAUSE}), the newest
 * checkpoint epoch 2's with a wait of 1 of the patience's 2; the test kills it there. A
 * resumed run that reset the wait would stop an epoch later, one that forgot the best
 * value would take epoch 3 for its first check and stop two later. The resumed run
 * decides as the uninterrupted one and ends bit for bit where it ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegressionEarlyStoppingCrashIT {

    private static final Duration HUNG = Duration.ofMinutes(5);

    private static final int EPOCHS = 6;

    private static final long BATCHES = RegressionPipeline.BATCHES_PER_EPOCH;

    /**
     * The epoch of the lowest validation loss in either mode: lower than epoch 1's but
     * not by the min-delta, and lower than epoch 3's and the decay epoch's.
     */
    private static final int BEST_MODEL_EPOCH = 2;

    private final Map<Mode, Runs> runs = new EnumMap<>(Mode.class);

    /** The early-stopping modes and what each ends with. */
    enum Mode {

        /** Ends after the epoch that decided, 3. */
        STOP("stop", 3, "stop"),

        /** Ends after one decay epoch, 4. */
        DECAY_THEN_STOP("decay-then-stop", 4, "decided after epoch 3, decay-then-stop");

        final String property;

        final int lastEpoch;

        final String decided;

        Mode(String property, int lastEpoch, String decided) {
            this.property = property;
            this.lastEpoch = lastEpoch;
            this.decided = decided;
        }

    }

    /**
     * The three starts of one mode: the uninterrupted run, the killed one and its restart
     * in the killed one's folder, and what the killed one left.
     */
    private record Runs(Finished uninterrupted, int killedExitCode, String killedLog, List<String> checkpointsAfterKill,
            EarlyStoppingState earlyStoppingAfterKill, Finished resumed) {
    }

    /** A run that ended: its exit code, its log, and its checkpoint folder. */
    private record Finished(int exitCode, String log, Path checkpointDir) {

        TrainingReport report() throws IOException {
            return new ReportWriter().read(pipeline().report());
        }

        JsonNode earlyStopJson() throws IOException {
            return ReportJson.mapper().readTree(Files.readString(pipeline().report())).get("earlyStop");
        }

        /** Status and exit description of every job execution, oldest first. */
        List<Tuple> jobExecutions() {
            String url = new Workspace(checkpointDir).jobRepositoryUrl();
            return new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")).query(
                    "SELECT STATUS, EXIT_MESSAGE FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID",
                    (row, index) -> tuple(row.getString(1), row.getString(2)));
        }

        Path newestCheckpoint() throws IOException {
            return checkpoints().files().get(0);
        }

        CheckpointStore checkpoints() {
            return checkpointsIn(checkpointDir);
        }

        private PipelineFolder pipeline() {
            return pipelineIn(checkpointDir);
        }

    }

    private static PipelineFolder pipelineIn(Path checkpointDir) {
        return new Workspace(checkpointDir).pipeline(RegressionPipeline.NAME);
    }

    /** The checkpoints of the first job instance, the one every run here trains. */
    private static CheckpointStore checkpointsIn(Path checkpointDir) {
        return new CheckpointStore(pipelineIn(checkpointDir).run(1));
    }

    @BeforeAll
    void trainEachModeUninterruptedThenKilledMidPatienceAndStartedAgain(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path workDir) throws Exception {
        // One mode's runs beside the other's: each JVM keeps about one core busy.
        ExecutorService modes = Executors.newFixedThreadPool(Mode.values().length);
        try {
            Map<Mode, Future<Runs>> trained = new EnumMap<>(Mode.class);
            for (Mode mode : Mode.values()) {
                trained.put(mode, modes.submit(() -> train(mode, workDir)));
            }
            for (Mode mode : Mode.values()) {
                runs.put(mode, trained.get(mode).get());
            }
        }
        finally {
            modes.shutdownNow();
        }
    }

    private static Runs train(Mode mode, Path workDir) throws Exception {
        Path folder = Files.createDirectories(workDir.resolve(mode.property));
        Finished uninterrupted = finish(start(mode, folder.resolve("uninterrupted"), "uninterrupted"));
        Path killedDir = folder.resolve("killed");
        CheckpointStore checkpoints = checkpointsIn(killedDir.resolve("checkpoints"));
        int killedExitCode;
        String killedLog;
        List<String> checkpointsAfterKill;
        EarlyStoppingState state;
        try (ChildProcess killed = start(mode, killedDir, "killed",
                "--" + CommandLineRegressionApplication.PAUSE_IN_EPOCH + "=3")) {
            killed.awaitLine(DataFault.PAUSED, HUNG);
            // Standing still in epoch 3: what its records say now is what they say at the
            // kill.
            checkpointsAfterKill = checkpoints.files().stream().map(file -> file.getFileName().toString()).toList();
            state = checkpoints.read(checkpoints.files().get(0)).state().earlyStopping();
            killedExitCode = killed.kill();
            killedLog = Files.readString(killed.log());
        }
        Finished resumed = finish(start(mode, killedDir, "resumed"));
        return new Runs(uninterrupted, killedExitCode, killedLog, checkpointsAfterKill, state, resumed);
    }

    /**
     * Starts the application in {@code dir}, its checkpoints in {@code dir/checkpoints}
     * and its log in {@code dir/<name>.log}.
     */
    private static ChildProcess start(Mode mode, Path dir, String name, String... more) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--demon.enabled=true",
                "--spring.main.web-application-type=none", "--demon.checkpoint.dir=" + dir.resolve("checkpoints"),
                "--demon.seed=7", "--demon.epochs=" + EPOCHS, "--demon.early-stopping.enabled=true",
                "--demon.early-stopping.patience=2", "--demon.early-stopping.min-delta=1000",
                "--demon.early-stopping.mode=" + mode.property));
        arguments.addAll(List.of(more));
        return TestClassesJvm.start(name, Files.createDirectories(dir), TestClassesJvm.SHORT_LIVED,
                CommandLineRegressionApplication.class, arguments);
    }

    private static Finished finish(ChildProcess process) throws Exception {
        try (process) {
            int exitCode = process.waitForExit(HUNG);
            return new Finished(exitCode, Files.readString(process.log()), process.log().resolveSibling("checkpoints"));
        }
    }

    private static String reason(Finished run) throws IOException {
        return "validation-loss did not improve by more than 1000.0 in 2 epochs; best " + bestOfEpochOne(run)
                + " at epoch 1";
    }

    private static float bestOfEpochOne(Finished run) throws IOException {
        return run.report().history().get(0).validationLoss();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theKillLandsInEpochThreeWithEpochTwosCheckpointWaitingOneEpochOfTwo(Mode mode) throws IOException {
        Runs run = runs.get(mode);
        // 128 + 9: ended by SIGKILL, with no chance to run a shutdown hook.
        assertThat(run.killedExitCode()).as("exit value of the killed process").isEqualTo(137);
        assertThat(run.killedLog()).contains("Executing step: [regression-epoch-3]")
            .contains(DataFault.PAUSED + (RegressionPipeline.TRAINING_SAMPLES - 1))
            .doesNotContain("stopping early");
        assertThat(run.checkpointsAfterKill()).containsExactly("epoch-0002.g000001.ckpt", "epoch-0001.g000001.ckpt");
        assertThat(run.earlyStoppingAfterKill())
            .isEqualTo(new EarlyStoppingState(bestOfEpochOne(run.uninterrupted()), 1, 1, 0, null, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theRestartResumesAtEpochThree(Mode mode) {
        assertThat(runs.get(mode).resumed().log()).contains("Executing step: [regression-epoch-3]")
            .doesNotContain("Executing step: [regression-epoch-1]")
            .doesNotContain("Executing step: [regression-epoch-2]");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bothRunsEndCompletedWithTheSameExitDescription(Mode mode) throws IOException {
        Runs run = runs.get(mode);
        String description = "Stopped early after epoch " + mode.lastEpoch + " of " + EPOCHS + " (" + mode.decided
                + "): " + reason(run.uninterrupted());
        assertThat(run.uninterrupted().exitCode()).as("exit code; log:%n%s", run.uninterrupted().log()).isZero();
        assertThat(run.resumed().exitCode()).as("exit code; log:%n%s", run.resumed().log()).isZero();
        assertThat(run.uninterrupted().jobExecutions()).containsExactly(tuple("COMPLETED", description));
        // The killed execution, found STARTED by a process that is gone, ended FAILED by
        // the restart.
        assertThat(run.resumed().jobExecutions()).extracting(execution -> execution.toList().get(0))
            .containsExactly("FAILED", "COMPLETED");
        assertThat(run.resumed().jobExecutions().get(1)).isEqualTo(tuple("COMPLETED", description));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bothRunsStopAfterTheSameEpochDecidedByTheSameCheck(Mode mode) throws IOException {
        Runs run = runs.get(mode);
        for (Finished finished : List.of(run.uninterrupted(), run.resumed())) {
            assertThat(finished.report().history()).extracting(EpochSummary::epoch)
                .containsExactlyElementsOf(epochsUpTo(mode.lastEpoch));
            assertThat(finished.report().updatesDone()).isEqualTo(mode.lastEpoch * BATCHES);
            assertThat(finished.report().earlyStop()).isEqualTo(
                    new EarlyStop(mode.lastEpoch, 3, reason(run.uninterrupted()), mode.property, "validation-loss",
                            bestOfEpochOne(run.uninterrupted()), 1, 3 * BATCHES, mode.lastEpoch * BATCHES));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bothRunsKeepTheSameBestEpoch(Mode mode) throws IOException {
        Runs run = runs.get(mode);
        List<EpochSummary> history = run.uninterrupted().report().history();
        // The premise: the best model's epoch has the lowest validation loss of the run.
        assertThat(history).extracting(EpochSummary::validationLoss)
            .allSatisfy(loss -> assertThat(loss)
                .isGreaterThanOrEqualTo(history.get(BEST_MODEL_EPOCH - 1).validationLoss()));
        assertThat(run.uninterrupted().report().bestModel().epoch()).isEqualTo(BEST_MODEL_EPOCH);
        assertThat(run.resumed().report().bestModel().epoch()).isEqualTo(BEST_MODEL_EPOCH);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theReportsRecordTheSameEarlyStopToTheDigit(Mode mode) throws IOException {
        Runs run = runs.get(mode);
        assertThat(run.resumed().earlyStopJson()).isEqualTo(run.uninterrupted().earlyStopJson());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theResumedRunHasTheUninterruptedLossesBitForBit(Mode mode) throws IOException {
        Runs run = runs.get(mode);
        assertThat(ResumedRun.withoutThroughput(run.resumed().report().history()))
            .containsExactlyElementsOf(ResumedRun.withoutThroughput(run.uninterrupted().report().history()));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theResumedRunEndsWithTheUninterruptedParametersAndEarlyStoppingState(Mode mode) throws IOException {
        Runs run = runs.get(mode);
        Path resumedEnd = run.resumed().newestCheckpoint();
        Path uninterruptedEnd = run.uninterrupted().newestCheckpoint();
        // The restart took the lease's second generation.
        assertThat(resumedEnd.getFileName()).hasToString("epoch-%04d.g000002.ckpt".formatted(mode.lastEpoch));
        assertThat(uninterruptedEnd.getFileName()).hasToString("epoch-%04d.g000001.ckpt".formatted(mode.lastEpoch));
        Checkpoint resumed = run.resumed().checkpoints().read(resumedEnd);
        Checkpoint uninterrupted = run.uninterrupted().checkpoints().read(uninterruptedEnd);
        assertThat(resumed.parameters()).isEqualTo(uninterrupted.parameters());
        assertThat(resumed.state().earlyStopping()).isEqualTo(uninterrupted.state().earlyStopping());
    }

    private static List<Integer> epochsUpTo(int last) {
        List<Integer> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= last; epoch++) {
            epochs.add(epoch);
        }
        return epochs;
    }

}
