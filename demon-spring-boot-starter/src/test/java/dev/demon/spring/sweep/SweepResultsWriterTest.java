package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import tools.jackson.databind.JsonNode;

import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.report.ReportJson;
import dev.demon.spring.testing.GenerationLease;
import dev.demon.spring.testing.RecordedSweep;
import dev.demon.spring.testing.RegressionPipeline;
import dev.demon.spring.testing.TakenOverLease;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.workspace.SweepFolder;

/**
 * When a sweep's job execution ends, its results writer reads every trial's latest
 * partition from a real JobRepository and writes {@code sweep.json}, {@code trials.csv}
 * and {@code best-model/} into the sweep's folder, under the job's lease. The sweep: four
 * trials of a grid over the learning rate and the schedule, by validation loss;
 * trial-0002 pruned after one epoch, trial-0003 failed in the first execution and
 * completed in the second, trial-0004 failed with a non-finite objective; the second
 * execution ends COMPLETED.
 */
class SweepResultsWriterTest {

    private static final ModelMonitor LOSS = ModelMonitor.VALIDATION_LOSS;

    @TempDir
    Path workspace;

    private RecordedSweep sweep;

    @BeforeEach
    void recordTheTrials() throws Exception {
        sweep = new RecordedSweep(workspace);
        sweep.trial(TrialProgress.notStarted("trial-0001", RecordedSweep.parameters("0.01", "demon"))
            .withAttempt("node-a")
            .withConfiguration(RecordedSweep.configuration(0.01f, "demon"))
            .withEpoch(0.9, 0.9, 8, 1.0)
            .withEpoch(0.6, 0.6, 16, 2.0)
            .withEpoch(0.5, 0.5, 24, 3.5), BatchStatus.COMPLETED, "COMPLETED");
        sweep.checkpoints("trial-0001", LOSS, 0.9, 0.6, 0.5);
        sweep.trial(TrialProgress.notStarted("trial-0002", RecordedSweep.parameters("0.1", "demon"))
            .withAttempt("node-a")
            .withConfiguration(RecordedSweep.configuration(0.1f, "demon"))
            .withEpoch(1.25, 1.25, 8, 1.25), BatchStatus.COMPLETED, TrialOutcome.PRUNED);
        sweep.checkpoints("trial-0002", LOSS, 1.25);
        TrialProgress third = TrialProgress.notStarted("trial-0003", RecordedSweep.parameters("0.01", "constant"))
            .withAttempt("node-a")
            .withConfiguration(RecordedSweep.configuration(0.01f, "constant"))
            .withEpoch(0.7, 0.7, 8, 1.0);
        sweep.trial(third, BatchStatus.FAILED, "FAILED");
        sweep.trial(TrialProgress.notStarted("trial-0004", RecordedSweep.parameters("0.1", "constant"))
            .withAttempt("node-b")
            .withConfiguration(RecordedSweep.configuration(0.1f, "constant"))
            .withEpoch(Double.NaN, Double.NaN, 8, 0.5), BatchStatus.FAILED, "FAILED");
        sweep.restart();
        sweep.trial(third.withAttempt("node-b").withEpoch(0.4, 0.4, 16, 2.5).withEpoch(0.45, 0.45, 24, 4.0),
                BatchStatus.COMPLETED, "COMPLETED");
        sweep.checkpoints("trial-0003", LOSS, 0.7, 0.4, 0.45);
        sweep.end(BatchStatus.COMPLETED);
    }

    private String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void sweepJsonHoldsEveryTrialsLatestPartitionWithNullForFiguresThatDoNotExist() throws Exception {
        sweep.results(RecordedSweep.summary(LOSS));

        assertThat(read(sweep.folder().results())).isEqualTo("""
                {
                  "sweep" : "lr",
                  "pipeline" : "regression",
                  "search" : "grid",
                  "objective" : "validation-loss",
                  "direction" : "minimize",
                  "status" : "COMPLETED",
                  "trials" : [ {
                    "trial" : "trial-0001",
                    "parameters" : {
                      "learning-rate.initial" : "0.01",
                      "momentum.schedule" : "demon"
                    },
                    "configuration" : {
                      "optimizer" : "sgdm",
                      "momentumSchedule" : "demon",
                      "betaInit" : 0.9,
                      "decayStart" : 0.0,
                      "learningRate" : 0.01,
                      "learningRateSchedule" : "fixed",
                      "plateauPatience" : null,
                      "weightDecay" : 0.0,
                      "epochs" : 3,
                      "batchSize" : 16,
                      "seed" : 7,
                      "engine" : "MXNet",
                      "engineVersion" : "1.9.1"
                    },
                    "status" : "COMPLETED",
                    "attempts" : 1,
                    "bestEpoch" : 3,
                    "objective" : [ 0.9, 0.6, 0.5 ],
                    "bestObjective" : 0.5,
                    "updates" : 24,
                    "seconds" : 3.5,
                    "host" : "node-a"
                  }, {
                    "trial" : "trial-0002",
                    "parameters" : {
                      "learning-rate.initial" : "0.1",
                      "momentum.schedule" : "demon"
                    },
                    "configuration" : {
                      "optimizer" : "sgdm",
                      "momentumSchedule" : "demon",
                      "betaInit" : 0.9,
                      "decayStart" : 0.0,
                      "learningRate" : 0.1,
                      "learningRateSchedule" : "fixed",
                      "plateauPatience" : null,
                      "weightDecay" : 0.0,
                      "epochs" : 3,
                      "batchSize" : 16,
                      "seed" : 7,
                      "engine" : "MXNet",
                      "engineVersion" : "1.9.1"
                    },
                    "status" : "PRUNED",
                    "attempts" : 1,
                    "bestEpoch" : 1,
                    "objective" : [ 1.25 ],
                    "bestObjective" : 1.25,
                    "updates" : 8,
                    "seconds" : 1.25,
                    "host" : "node-a"
                  }, {
                    "trial" : "trial-0003",
                    "parameters" : {
                      "learning-rate.initial" : "0.01",
                      "momentum.schedule" : "constant"
                    },
                    "configuration" : {
                      "optimizer" : "sgdm",
                      "momentumSchedule" : "constant",
                      "betaInit" : 0.9,
                      "decayStart" : null,
                      "learningRate" : 0.01,
                      "learningRateSchedule" : "fixed",
                      "plateauPatience" : null,
                      "weightDecay" : 0.0,
                      "epochs" : 3,
                      "batchSize" : 16,
                      "seed" : 7,
                      "engine" : "MXNet",
                      "engineVersion" : "1.9.1"
                    },
                    "status" : "COMPLETED",
                    "attempts" : 2,
                    "bestEpoch" : 2,
                    "objective" : [ 0.7, 0.4, 0.45 ],
                    "bestObjective" : 0.4,
                    "updates" : 24,
                    "seconds" : 4.0,
                    "host" : "node-b"
                  }, {
                    "trial" : "trial-0004",
                    "parameters" : {
                      "learning-rate.initial" : "0.1",
                      "momentum.schedule" : "constant"
                    },
                    "configuration" : {
                      "optimizer" : "sgdm",
                      "momentumSchedule" : "constant",
                      "betaInit" : 0.9,
                      "decayStart" : null,
                      "learningRate" : 0.1,
                      "learningRateSchedule" : "fixed",
                      "plateauPatience" : null,
                      "weightDecay" : 0.0,
                      "epochs" : 3,
                      "batchSize" : 16,
                      "seed" : 7,
                      "engine" : "MXNet",
                      "engineVersion" : "1.9.1"
                    },
                    "status" : "FAILED",
                    "attempts" : 1,
                    "bestEpoch" : null,
                    "objective" : [ null ],
                    "bestObjective" : null,
                    "updates" : 8,
                    "seconds" : 0.5,
                    "host" : "node-b"
                  } ],
                  "best" : {
                    "trial" : "trial-0003",
                    "parameters" : {
                      "learning-rate.initial" : "0.01",
                      "momentum.schedule" : "constant"
                    },
                    "bestEpoch" : 2,
                    "bestObjective" : 0.4
                  },
                  "bestModel" : {
                    "path" : "best-model",
                    "trial" : "trial-0003",
                    "epoch" : 2,
                    "validationLoss" : 0.4,
                    "validationAccuracy" : null
                  },
                  "generation" : 0
                }""");
    }

    @Test
    void trialsCsvHasAHeaderThenARowPerTrialWithEmptyCellsForFiguresThatDoNotExist() throws Exception {
        sweep.results(RecordedSweep.summary(LOSS));

        assertThat(read(sweep.folder().trials())).isEqualTo(String.join("\r\n",
                "trial,learning-rate.initial,momentum.schedule,status,attempts,best_epoch,best_objective,updates,"
                        + "seconds,host",
                "trial-0001,0.01,demon,COMPLETED,1,3,0.5,24,3.5,node-a",
                "trial-0002,0.1,demon,PRUNED,1,1,1.25,8,1.25,node-a",
                "trial-0003,0.01,constant,COMPLETED,2,2,0.4,24,4.0,node-b",
                "trial-0004,0.1,constant,FAILED,1,,,8,0.5,node-b", ""));
    }

    @Test
    void bestModelLoadsWithCriteriaHoldingTheBestTrialsBestEpochCheckpointParameters() throws Exception {
        sweep.results(RecordedSweep.summary(LOSS));

        try (ZooModel<NDList, NDList> model = loadBestModel(); NDManager manager = NDManager.newBaseManager()) {
            Block checkpointed = sweep.checkpointedBlock(manager, "trial-0003", 2);
            ParameterList saved = model.getBlock().getParameters();
            ParameterList expected = checkpointed.getParameters();
            assertThat(saved.keys()).containsExactlyElementsOf(expected.keys());
            for (int i = 0; i < saved.size(); i++) {
                assertThat(saved.valueAt(i).getArray().toFloatArray()).as(saved.keyAt(i))
                    .containsExactly(expected.valueAt(i).getArray().toFloatArray());
            }
        }
    }

    @Test
    void bestModelHasARunsModelPropertiesWithTheTrialsWholeConfiguration() throws Exception {
        sweep.results(RecordedSweep.summary(LOSS));

        try (ZooModel<NDList, NDList> model = loadBestModel()) {
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("Epoch", "2");
            expected.put("ValidationLoss", "0.4");
            expected.putAll(RecordedSweep.configuration(0.01f, "constant").byProperty());
            expected.put("Sweep", RecordedSweep.SWEEP);
            expected.put("Trial", "trial-0003");
            assertThat(model.getProperties()).containsAllEntriesOf(expected)
                .containsEntry("demon.learning-rate.initial", "0.01")
                .containsEntry("demon.momentum.schedule", "constant")
                .containsEntry("demon.epochs", "3")
                .containsEntry("engine", "MXNet 1.9.1")
                .doesNotContainKey("ValidationAccuracy");
        }
        assertThat(sweep.folder().bestModel().resolve("regression-0002.params")).isRegularFile();
    }

    @Test
    void runAgainAfterACrashItWritesTheSameResults() throws Exception {
        sweep.results(RecordedSweep.summary(LOSS));
        byte[] json = Files.readAllBytes(sweep.folder().results());
        byte[] csv = Files.readAllBytes(sweep.folder().trials());
        byte[] parameters = Files.readAllBytes(sweep.folder().bestModel().resolve("regression-0002.params"));
        sweep.restart();
        sweep.end(BatchStatus.COMPLETED);

        sweep.results(RecordedSweep.summary(LOSS));

        assertThat(Files.readAllBytes(sweep.folder().results())).isEqualTo(json);
        assertThat(Files.readAllBytes(sweep.folder().trials())).isEqualTo(csv);
        assertThat(Files.readAllBytes(sweep.folder().bestModel().resolve("regression-0002.params")))
            .isEqualTo(parameters);
    }

    @Test
    void whenTheBestEpochsCheckpointIsGoneBestModelHoldsTheTrialsNextBestKeptEpoch() throws Exception {
        Files.delete(sweep.checkpoints("trial-0003").resolve("epoch-0002.ckpt"));

        sweep.results(RecordedSweep.summary(LOSS));

        assertThat(ReportJson.mapper().readTree(sweep.folder().results().toFile()).get("bestModel").toString())
            .isEqualTo("{\"path\":\"best-model\",\"trial\":\"trial-0003\",\"epoch\":3,\"validationLoss\":0.45,"
                    + "\"validationAccuracy\":null}");
        assertThat(sweep.folder().bestModel().resolve("regression-0003.params")).isRegularFile();
    }

    private ZooModel<NDList, NDList> loadBestModel() throws Exception {
        return Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(sweep.folder().bestModel())
            .optModelName(RegressionPipeline.NAME)
            .optBlock(RegressionPipeline.newBlock())
            .build()
            .loadModel();
    }

    @Test
    void aSweepWithoutAFiniteObjectiveWritesNoBestTrialAndNoBestModel() throws Exception {
        RecordedSweep diverged = new RecordedSweep(workspace.resolve("diverged"));
        diverged.trial(TrialProgress.notStarted("trial-0001", RecordedSweep.parameters("10", "demon"))
            .withAttempt("node-a")
            .withEpoch(Double.NaN, Double.NaN, 8, 0.5), BatchStatus.FAILED, "FAILED");

        diverged.results(RecordedSweep.summary(LOSS));

        JsonNode json = ReportJson.mapper().readTree(diverged.folder().results().toFile());
        assertThat(List.of(json.get("best").isNull(), json.get("bestModel").isNull())).containsExactly(true, true);
        assertThat(diverged.folder().bestModel()).doesNotExist();
    }

    @Test
    void bestTrialResumedByAnotherWorkerUnderANewerTrialLeaseIsSavedUnderTheSweepsLease() throws Exception {
        // A worker's trial checkpoints carry the trial's lease generation (3 after a
        // takeover), which is no holder of the sweep's lease (generation 1).
        try (GenerationLease trialLease = new GenerationLease(3); GenerationLease sweepLease = new GenerationLease(1)) {
            sweep.checkpoints("trial-0003", trialLease, LOSS, 0.7, 0.4, 0.45);

            sweep.writer(RecordedSweep.summary(LOSS)).write(sweep.execution(), sweepLease);

            JsonNode bestModel = ReportJson.mapper().readTree(sweep.folder().results(1).toFile()).get("bestModel");
            assertThat(bestModel.get("trial").asString()).isEqualTo("trial-0003");
            assertThat(bestModel.get("epoch").asInt()).isEqualTo(2);
            assertThat(sweep.folder().bestModel(1).resolve("regression-0002.params")).isRegularFile();
        }
    }

    @Test
    void theResultsRecordTheLeaseGenerationOfTheirWriterAndAnOlderHolderIsRefusedBeforeWriting() throws Exception {
        try (TakenOverLease lease = TakenOverLease.in(workspace)) {
            SweepResultsWriter writer = sweep.writer(RecordedSweep.summary(LOSS));
            writer.write(sweep.execution(), lease.newer());
            byte[] json = Files.readAllBytes(sweep.folder().results());
            byte[] csv = Files.readAllBytes(sweep.folder().trials());

            assertThatThrownBy(() -> writer.write(sweep.execution(), lease.older()))
                .isInstanceOf(LeaseLostException.class);

            assertThat(ReportJson.mapper().readTree(json).get("generation").asLong()).isEqualTo(2);
            assertThat(Files.readAllBytes(sweep.folder().results())).isEqualTo(json);
            assertThat(Files.readAllBytes(sweep.folder().trials())).isEqualTo(csv);
            assertThat(sweep.folder().results(1)).doesNotExist();
        }
    }

    @Test
    void writerPausedBetweenItsCheckAndItsWritesLeavesTheNewerHoldersResultsAsTheyWere() throws Exception {
        try (GenerationLease older = new GenerationLease(1); GenerationLease newer = new GenerationLease(2)) {
            Map<String, byte[]> newerWrote = new TreeMap<>();
            // The older holder has checked (no newer results yet) and is paused before
            // its
            // first write, the best model, while the newer one writes all three.
            SweepResultsWriter paused = pausedWhileTheNewerWrites(sweep.folder().bestModel(1), newer, newerWrote);

            // Its best model and table go under its own names; the check before
            // sweep.json
            // then finds the newer one's and fences it.
            assertThatThrownBy(() -> paused.write(sweep.execution(), older)).isInstanceOf(LeaseLostException.class);

            assertThat(newerWrote).containsKeys("sweep.g000002.json", "trials.g000002.csv",
                    "best-model.g000002/regression-0002.params");
            Map<String, byte[]> now = contents(sweep.folder());
            newerWrote.forEach((file, bytes) -> assertThat(now.get(file)).as(file).isEqualTo(bytes));
            assertThat(now).containsKeys("trials.g000001.csv", "best-model.g000001/regression-0002.params")
                .doesNotContainKey("sweep.g000001.json");
            assertThat(List.of(sweep.folder().results(), sweep.folder().trials(), sweep.folder().bestModel()))
                .containsExactly(sweep.folder().results(2), sweep.folder().trials(2), sweep.folder().bestModel(2));
        }
    }

    @Test
    void writerPausedBetweenItsLastCheckAndWritingSweepJsonLeavesTheNewerHoldersAsItWas() throws Exception {
        try (GenerationLease older = new GenerationLease(1); GenerationLease newer = new GenerationLease(2)) {
            Map<String, byte[]> newerWrote = new TreeMap<>();
            SweepResultsWriter paused = pausedWhileTheNewerWrites(sweep.folder().results(1), newer, newerWrote);

            SweepReport stale = paused.write(sweep.execution(), older);

            assertThat(stale.bestModel().path()).isEqualTo("best-model.g000001");
            Map<String, byte[]> now = contents(sweep.folder());
            newerWrote.forEach((file, bytes) -> assertThat(now.get(file)).as(file).isEqualTo(bytes));
            assertThat(now).containsKeys("sweep.g000001.json", "sweep.g000002.json");
            assertThat(ReportJson.mapper().readTree(sweep.folder().results().toFile()).get("generation").asLong())
                .isEqualTo(2);
        }
    }

    /**
     * The older holder's writer, paused before it writes {@code at}, as by a GC pause or
     * SIGSTOP, while the newer holder writes all the results; what the newer one wrote
     * goes into {@code newerWrote}.
     */
    private SweepResultsWriter pausedWhileTheNewerWrites(Path at, Lease newerLease, Map<String, byte[]> newerWrote) {
        SweepResultsWriter newer = sweep.writer(RecordedSweep.summary(LOSS));
        return new SweepResultsWriter(RecordedSweep.summary(LOSS), sweep.repository(), sweep.folder(),
                new RegressionPipeline(), target -> {
                    if (target.equals(at)) {
                        try {
                            newer.write(sweep.execution(), newerLease);
                        }
                        catch (MalformedModelException ex) {
                            throw new IOException(ex);
                        }
                        newerWrote.putAll(contents(sweep.folder()));
                    }
                });
    }

    /** The files of the sweep's folder but the trials' checkpoints, by relative path. */
    private static Map<String, byte[]> contents(SweepFolder folder) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder.folder())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = folder.folder().relativize(file).toString().replace('\\', '/');
                if (!name.startsWith("run-") && !name.endsWith(".mv.db")) {
                    contents.put(name, Files.readAllBytes(file));
                }
            }
        }
        return contents;
    }

    @Test
    void aWriterThatCannotProveItsLeaseWritesNothing() {
        Lease lost = new Lease() {

            @Override
            public void requireHeld() {
                throw new LeaseLostException(RecordedSweep.SWEEP, "its lease was taken over");
            }

            @Override
            public void close() {
            }

        };

        assertThatThrownBy(() -> sweep.writer(RecordedSweep.summary(LOSS)).write(sweep.execution(), lost))
            .isInstanceOf(LeaseLostException.class);

        assertThat(List.of(sweep.folder().results(), sweep.folder().trials(), sweep.folder().bestModel()))
            .allSatisfy(file -> assertThat(file).doesNotExist());
    }

}
