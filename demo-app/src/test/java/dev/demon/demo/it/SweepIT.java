package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.demon.demo.it.JobRepositoryFile.StepExecutionRow;
import dev.demon.spring.checkpoint.CheckpointStore;

/**
 * The demo's sweep ({@link MlpSweep}: two learning rates, three epochs each) run from the
 * packaged jar as a user runs it, with {@code --spring.batch.job.name}: in one process it
 * trains each trial once and exits 0, leaving {@code sweep.json}, {@code trials.csv} and
 * a {@code best-model/} that loads and evaluates to exactly the figures recorded, which a
 * process started afterwards lists at {@code /demon/api/sweeps/<sweep>}, beside the
 * demo's other sweep, and serves at {@code POST /predict}. Killed with SIGKILL, or
 * stopped with SIGTERM, a quarter into epoch 2 of the second trial, the same command
 * completes the sweep without training the first trial again, resuming the second from
 * its checkpoint and ending it bit for bit where the uninterrupted run ended it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The demo's second sweep, learning rate × β_init (its application.yml), which no
     * test trains: docs/sweep-page.md shows a run of it.
     */
    private static final String SENSITIVITY_SWEEP = "fashion-mnist-mlp-sensitivity";

    /** How the second trial is interrupted: the signal and the exit value it gives. */
    enum Interruption {

        /** {@code kill -9}: {@link Process#destroyForcibly()} on Linux. */
        SIGKILL(128 + 9),

        /** {@code kill}, what Kubernetes sends first: {@link Process#destroy()}. */
        SIGTERM(128 + 15);

        private final int exitValue;

        Interruption(int exitValue) {
            this.exitValue = exitValue;
        }

        void send(Process process) {
            if (this == SIGKILL) {
                process.destroyForcibly();
            }
            else {
                process.destroy();
            }
        }

    }

    /**
     * A sweep interrupted in its second trial, then started again with the same command.
     */
    record InterruptedSweep(MlpSweep sweep, int interruptedExitCode, String interruptedLog, int resumedExitCode,
            String resumedLog) {

        static InterruptedSweep run(Interruption interruption) throws IOException, InterruptedException {
            Path folder = MlpJobRuns.fresh("sweep-" + interruption.name().toLowerCase());
            MlpSweep sweep = MlpSweep.keepingCheckpointsIn(folder.resolve("checkpoints"));
            Path interruptedDir = Files.createDirectories(folder.resolve("interrupted"));
            Process process = sweep.startUntilSecondTrialInEpochTwo(interruptedDir);
            try {
                interruption.send(process);
                // A bound against a hung JVM only.
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException(interruption + " did not end the demo");
                }
            }
            finally {
                process.destroyForcibly();
            }
            Path resumedDir = Files.createDirectories(folder.resolve("resumed"));
            int resumedExitCode = sweep.run(resumedDir);
            return new InterruptedSweep(sweep, process.exitValue(), Files.readString(DemoJar.log(interruptedDir)),
                    resumedExitCode, Files.readString(DemoJar.log(resumedDir)));
        }

        /** The executions of a trial's partition, oldest first. */
        List<StepExecutionRow> partitionRuns(String trial) {
            return JobRepositoryFile.in(this.sweep.checkpointDir())
                .stepExecutions()
                .stream()
                .filter(step -> step.stepName().equals(MlpSweep.TRIAL_STEP + ":" + trial))
                .toList();
        }

    }

    private final Map<Interruption, InterruptedSweep> interrupted = new EnumMap<>(Interruption.class);

    private MlpSweep uninterrupted;

    private int exitCode;

    private ServingProcess serving;

    @BeforeAll
    void runTheSweepThenServeIt() throws Exception {
        Path folder = MlpJobRuns.fresh("sweep-uninterrupted");
        this.uninterrupted = MlpSweep.keepingCheckpointsIn(folder.resolve("checkpoints"));
        this.exitCode = this.uninterrupted.run(Files.createDirectories(folder.resolve("trained")));
        this.serving = ServingProcess.startServing(MlpSweep.NAME, folder.resolve("serving"),
                this.uninterrupted.checkpointDir(), MlpSweep.definition());
    }

    @AfterAll
    void stopTheServer() {
        if (this.serving != null) {
            this.serving.close();
        }
    }

    @Test
    void sweepTrainsEveryTrialOnceWithItsParametersAndExitsZero() {
        assertThat(this.exitCode).isZero();
        List<JsonNode> trials = new ArrayList<>();
        this.uninterrupted.results().get("trials").forEach(trials::add);
        assertThat(trials)
            .extracting(trial -> trial.get("trial").asString(),
                    trial -> trial.get("parameters").get("learning-rate.initial").asString(),
                    trial -> trial.get("parameters").get("momentum.schedule").asString(),
                    trial -> trial.get("parameters").get("epochs").asString(), trial -> trial.get("status").asString(),
                    trial -> trial.get("attempts").asInt(), trial -> trial.get("objective").size(),
                    trial -> trial.get("updates").asLong())
            .containsExactly(
                    tuple("trial-0001", "0.05", "demon", "3", "COMPLETED", 1, MlpSweep.EPOCHS,
                            MlpSweep.EPOCHS * MlpSweep.BATCHES_PER_EPOCH),
                    tuple("trial-0002", "0.1", "demon", "3", "COMPLETED", 1, MlpSweep.EPOCHS,
                            MlpSweep.EPOCHS * MlpSweep.BATCHES_PER_EPOCH));
    }

    @Test
    void trialsCsvHasARowPerTrialWithTheFiguresOfSweepJson() throws IOException {
        List<String> rows = Files.readAllLines(this.uninterrupted.folder().trials());
        assertThat(rows).hasSize(1 + MlpSweep.TRIALS.size());
        for (int i = 0; i < MlpSweep.TRIALS.size(); i++) {
            JsonNode trial = this.uninterrupted.trial(MlpSweep.TRIALS.get(i));
            List<String> row = new ArrayList<>(List.of(trial.get("trial").asString()));
            trial.get("parameters").forEach(value -> row.add(value.asString()));
            row.addAll(List.of("COMPLETED", "1", trial.get("bestEpoch").asString(),
                    Double.toString(trial.get("bestObjective").asDouble()), trial.get("updates").asString()));
            assertThat(rows.get(1 + i)).startsWith(String.join(",", row) + ",");
        }
    }

    @Test
    void bestTrialIsTheOneWithTheHighestValidationAccuracy() {
        JsonNode first = this.uninterrupted.trial("trial-0001");
        JsonNode second = this.uninterrupted.trial("trial-0002");
        JsonNode best = first.get("bestObjective").asDouble() >= second.get("bestObjective").asDouble() ? first
                : second;
        JsonNode results = this.uninterrupted.results();
        assertThat(results.get("objective").asString()).isEqualTo("validation-accuracy");
        assertThat(results.get("best").get("trial").asString()).isEqualTo(best.get("trial").asString());
        assertThat(results.get("best").get("bestObjective").asDouble()).isEqualTo(best.get("bestObjective").asDouble());
    }

    @Test
    void bestModelLoadsWithCriteriaAndEvaluatesToExactlyItsRecordedFigures() throws Exception {
        JsonNode recorded = this.uninterrupted.results().get("bestModel");
        // Saved by the first generation of the sweep's lease, under a name of its own.
        assertThat(recorded.get("path").asString()).isEqualTo("best-model.g000001");
        try (ZooModel<NDList, NDList> model = SavedMlpModel.load(this.uninterrupted.folder().bestModel())) {
            assertThat(model.getProperty("Epoch")).isEqualTo(recorded.get("epoch").asString());
            assertThat(SavedMlpModel.evaluate(model, MlpSweep.BATCH_SIZE)).containsExactly(
                    recorded.get("validationLoss").floatValue(), recorded.get("validationAccuracy").floatValue());
        }
    }

    @Test
    void pageApiListsEverySweepTheDemoDeclaresWithItsDefinition() throws Exception {
        HttpResponse<String> answer = this.serving.get("/demon/api/sweeps");

        assertThat(answer.statusCode()).as(this.serving.logTail()).isEqualTo(200);
        List<JsonNode> sweeps = new ArrayList<>();
        JSON.readTree(answer.body()).forEach(sweeps::add);
        assertThat(sweeps)
            .extracting(sweep -> sweep.get("sweep").asString(), sweep -> sweep.get("pipeline").asString(),
                    sweep -> sweep.get("search").asString(), sweep -> sweep.get("objective").asString(),
                    sweep -> sweep.get("trials").toString())
            .containsExactly(tuple(MlpSweep.NAME, MlpJob.PIPELINE, "grid", "validation-accuracy", "{\"COMPLETED\":2}"),
                    tuple(SENSITIVITY_SWEEP, MlpJob.PIPELINE, "grid", "validation-accuracy", "{}"));
    }

    @Test
    void pageApiListsTheTrialsWithTheirObjectives() throws Exception {
        HttpResponse<String> answer = this.serving.get("/demon/api/sweeps/" + MlpSweep.NAME);

        assertThat(answer.statusCode()).as(this.serving.logTail()).isEqualTo(200);
        JsonNode details = JSON.readTree(answer.body());
        assertThat(details.get("summary").get("trials").toString()).isEqualTo("{\"COMPLETED\":2}");
        List<JsonNode> trials = new ArrayList<>();
        details.get("trials").forEach(trials::add);
        assertThat(trials)
            .extracting(trial -> trial.get("trial").asString(), trial -> trial.get("status").asString(),
                    trial -> trial.get("objectives").toString())
            .containsExactly(
                    tuple("trial-0001", "COMPLETED",
                            this.uninterrupted.trial("trial-0001").get("objective").toString()),
                    tuple("trial-0002", "COMPLETED",
                            this.uninterrupted.trial("trial-0002").get("objective").toString()));
    }

    @Test
    void predictAnswersWithTheSweepsBestModel() throws Exception {
        float[] expected = SavedMlpModel.validationProbabilities(this.uninterrupted.folder().bestModel(), 1).get(0);
        byte[] firstValidationImage;
        try (TestSetImages testSet = new TestSetImages()) {
            firstValidationImage = testSet.get(0).png();
        }

        HttpResponse<String> answer = this.serving.predict("image/png", firstValidationImage);

        assertThat(answer.statusCode()).as(this.serving.logTail()).isEqualTo(200);
        assertThat(JSON.readValue(answer.body(), PredictionIT.ServedPrediction.class).probabilities())
            .containsExactly(expected);
    }

    @ParameterizedTest
    @EnumSource(Interruption.class)
    void interruptedProcessExitsWithItsSignalsValue(Interruption interruption) throws Exception {
        InterruptedSweep run = interrupted(interruption);

        assertThat(run.interruptedExitCode()).as("exit value; log:%n%s", run.interruptedLog())
            .isEqualTo(interruption.exitValue);
        assertThat(run.interruptedLog()).contains(MlpSweep.NAME + " trial-0001: completed")
            .doesNotContain(MlpSweep.NAME + " trial-0002: completed");
    }

    @Test
    void sigtermStopsTheSecondTrialInsideEpochTwoAndEndsTheSweepStopped() throws Exception {
        InterruptedSweep run = interrupted(Interruption.SIGTERM);

        assertThat(run.interruptedLog()).contains(MlpSweep.NAME + " trial-0002: stopped in epoch 2");
        assertThat(run.partitionRuns("trial-0002")).extracting(StepExecutionRow::status)
            .containsExactly("STOPPED", "COMPLETED");
        assertThat(JobRepositoryFile.in(run.sweep().checkpointDir()).jobExecutions()).extracting(row -> row.status())
            .containsExactly("STOPPED", "COMPLETED");
    }

    @ParameterizedTest
    @EnumSource(Interruption.class)
    void sameCommandCompletesTheSweepAndExitsZero(Interruption interruption) throws Exception {
        InterruptedSweep run = interrupted(interruption);

        assertThat(run.resumedExitCode()).as("exit code; log:%n%s", run.resumedLog()).isZero();
        assertThat(MlpSweep.TRIALS).extracting(trial -> run.sweep().trial(trial).get("status").asString())
            .containsExactly("COMPLETED", "COMPLETED");
    }

    @ParameterizedTest
    @EnumSource(Interruption.class)
    void completedTrialIsNotTrainedAgain(Interruption interruption) throws Exception {
        InterruptedSweep run = interrupted(interruption);

        assertThat(run.partitionRuns("trial-0001")).extracting(StepExecutionRow::status).containsExactly("COMPLETED");
        assertThat(run.resumedLog()).doesNotContain("Executing step: [" + MlpSweep.TRIAL_STEP + ":trial-0001]")
            .doesNotContain(MlpSweep.NAME + " trial-0001 (attempt");
        assertThat(run.sweep().trial("trial-0001").get("attempts").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Interruption.class)
    void interruptedTrialResumesFromItsCheckpointInEpochTwo(Interruption interruption) throws Exception {
        InterruptedSweep run = interrupted(interruption);

        assertThat(run.resumedLog())
            .containsPattern(MlpSweep.NAME
                    + " trial-0002 \\(attempt 2\\): \\{[^}]*learning-rate.initial=0.1[^}]*\\} from epoch 2 of 3")
            .contains(MlpJob.PIPELINE + ": resuming ")
            .doesNotContain("training from scratch");
        assertThat(run.sweep().trial("trial-0002").get("attempts").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Interruption.class)
    void resumedTrialEndsBitForBitWhereTheUninterruptedSweepEndedIt(Interruption interruption) throws Exception {
        InterruptedSweep run = interrupted(interruption);

        for (String trial : MlpSweep.TRIALS) {
            assertThat(run.sweep().objectives(trial)).as(trial)
                .containsExactlyElementsOf(this.uninterrupted.objectives(trial));
            assertThat(latestParameters(run.sweep(), trial)).as(trial)
                .isEqualTo(latestParameters(this.uninterrupted, trial));
        }
    }

    /** Each interruption's runs, made once for all the tests that look at them. */
    private InterruptedSweep interrupted(Interruption interruption) throws IOException, InterruptedException {
        InterruptedSweep run = this.interrupted.get(interruption);
        if (run == null) {
            run = InterruptedSweep.run(interruption);
            this.interrupted.put(interruption, run);
        }
        return run;
    }

    /** The model parameters in a trial's newest checkpoint. */
    private static byte[] latestParameters(MlpSweep sweep, String trial) throws IOException {
        CheckpointStore checkpoints = new CheckpointStore(sweep.trialFolder(trial));
        return checkpoints.read(checkpoints.files().get(0)).parameters();
    }

}
