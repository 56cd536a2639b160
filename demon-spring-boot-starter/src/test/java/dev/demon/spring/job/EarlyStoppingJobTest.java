package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.schedule.DecayThenStop;
import dev.demon.spring.report.EarlyStop;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.JobExecutions;
import dev.demon.spring.testing.RecordingMomentumSchedule;
import dev.demon.spring.testing.ResumedRun;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;

/**
 * The synthetic job planned for 6 epochs with early stopping whose min-delta no epoch can
 * beat (1000 on the validation accuracy) and patience 1: epoch 1 sets the best, epoch 2
 * decides to stop. In {@code decay-then-stop} with 2 decay epochs the run trains epochs 3
 * and 4 with β re-planned to reach 0 at T' = 4 epochs, then ends COMPLETED; the steps of
 * epochs 5 and 6 train nothing. A run stopped before the decision (a graceful stop in
 * epoch 2) or during the decay (a failure in epoch 3) and resumed ends bit-identical to
 * the uninterrupted one.
 */
class EarlyStoppingJobTest {

    private static final long BATCHES = SyntheticPipeline.BATCHES_PER_EPOCH;

    private static final String[] DECAY_THEN_STOP = { "--demon.pipelines.synthetic.epochs=6",
            "--demon.early-stopping.enabled=true", "--demon.early-stopping.min-delta=1000",
            "--demon.early-stopping.patience=1", "--demon.early-stopping.mode=decay-then-stop",
            "--demon.early-stopping.decay-epochs=2" };

    private static final String REASON = "validation-accuracy did not improve by more than 1000.0 in 1 epoch; best ";

    @TempDir
    static Path uninterruptedFolder;

    @TempDir
    static Path stoppedFolder;

    @TempDir
    static Path failedFolder;

    @TempDir
    static Path stopModeFolder;

    @TempDir
    static Path failedInsideDecayFolder;

    private static TrainingRun uninterrupted;

    private static List<JobExecution> uninterruptedExecutions;

    private static TrainingRun resumedAfterStop;

    private static TrainingRun failed;

    private static TrainingRun resumedAfterFailure;

    private static TrainingRun stopMode;

    private static TrainingRun failedInsideDecay;

    private static TrainingRun resumedInsideDecay;

    @BeforeAll
    static void train() {
        uninterrupted = TrainingRun.start(uninterruptedFolder, DataFault.NONE, EarlyStoppingJobTest::keepExecutions,
                DECAY_THEN_STOP);
        // Update 8 is the third batch of epoch 2, before the epoch's check decides.
        TrainingRun.startAndCloseDuring(stoppedFolder, BATCHES + 2, DECAY_THEN_STOP);
        resumedAfterStop = TrainingRun.start(stoppedFolder, DataFault.NONE, context -> {
        }, DECAY_THEN_STOP);
        failed = TrainingRun.start(failedFolder, DataFault.inEpoch(DataFault.Kind.ERROR, 3), context -> {
        }, DECAY_THEN_STOP);
        resumedAfterFailure = TrainingRun.start(failedFolder, DataFault.NONE, context -> {
        }, DECAY_THEN_STOP);
        // A checkpoint after every batch: the failure in epoch 3 resumes inside the
        // decay.
        String[] everyBatch = Arrays.copyOf(DECAY_THEN_STOP, DECAY_THEN_STOP.length + 1);
        everyBatch[DECAY_THEN_STOP.length] = "--demon.checkpoint.interval=1ns";
        failedInsideDecay = TrainingRun.start(failedInsideDecayFolder, new DataFault(DataFault.Kind.ERROR, 40, 3),
                context -> {
                }, everyBatch);
        resumedInsideDecay = TrainingRun.start(failedInsideDecayFolder, DataFault.NONE, context -> {
        }, everyBatch);
        stopMode = TrainingRun.start(stopModeFolder, DataFault.NONE, context -> {
        }, "--demon.pipelines.synthetic.epochs=6", "--demon.early-stopping.enabled=true",
                "--demon.early-stopping.min-delta=1000", "--demon.early-stopping.patience=1",
                "--demon.early-stopping.mode=stop");
    }

    private static void keepExecutions(ConfigurableApplicationContext context) {
        uninterruptedExecutions = JobExecutions.ofLastInstance(context);
    }

    @Test
    void decayThenStopEndsCompletedAfterTheDecayEpochs() {
        assertThat(uninterrupted.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(uninterrupted.exitCode()).isZero();
        assertThat(uninterrupted.report().history()).extracting(EpochSummary::epoch).containsExactly(1, 2, 3, 4);
        assertThat(uninterrupted.report().updatesDone()).isEqualTo(4 * BATCHES);
        assertThat(uninterrupted.report().totalUpdates()).isEqualTo(6 * BATCHES);
    }

    @Test
    void reportRecordsTheEarlyStop() {
        EarlyStop earlyStop = uninterrupted.report().earlyStop();
        float best = uninterrupted.report().history().get(0).validationAccuracy();
        assertThat(earlyStop).isEqualTo(new EarlyStop(4, 2, REASON + best + " at epoch 1", "decay-then-stop",
                "validation-accuracy", best, 1, 2 * BATCHES, 4 * BATCHES));
    }

    @Test
    void jobExitDescriptionSaysItStoppedEarlyAndWhy() {
        ExitStatus exit = uninterruptedExecutions.get(0).getExitStatus();
        assertThat(exit.getExitCode()).isEqualTo("COMPLETED");
        assertThat(exit.getExitDescription()).isEqualTo("Stopped early after epoch 4 of 6 (decided after epoch 2, "
                + "decay-then-stop): " + uninterrupted.report().earlyStop().reason());
    }

    @Test
    void stepsAfterTheEndTrainNothing() {
        assertThat(uninterruptedExecutions.get(0).getStepExecutions())
            .filteredOn(step -> step.getStepName().matches("synthetic-epoch-[56]"))
            .extracting(StepExecution::getStatus, step -> step.getExitStatus().getExitCode(),
                    step -> step.getExitStatus().getExitDescription())
            .containsOnly(org.assertj.core.groups.Tuple.tuple(BatchStatus.COMPLETED, "NOOP",
                    "Not trained: early stopping ended the run after epoch 4"));
    }

    @Test
    void decayEpochsFollowTheReplannedMomentum() {
        // The last update of epoch 4 is t = T' − 1, re-planned from t_s = 2 epochs.
        float expected = new DecayThenStop(2 * BATCHES, 4 * BATCHES)
            .momentum(new RecordingMomentumSchedule(), 6 * BATCHES)
            .momentum(4 * BATCHES - 1, 6 * BATCHES);
        assertThat(uninterrupted.report().history().get(3).momentum()).isEqualTo(expected);
        assertThat(uninterrupted.report().finalMomentum()).isEqualTo(expected);
        // Epochs 1 and 2 are as planned for 6 epochs.
        assertThat(uninterrupted.report().history().get(1).momentum())
            .isEqualTo(new RecordingMomentumSchedule().momentum(2 * BATCHES - 1, 6 * BATCHES));
    }

    @Test
    void stopModeEndsAfterTheEpochThatDecided() {
        assertThat(stopMode.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(stopMode.report().history()).hasSize(2);
        assertThat(stopMode.report().updatesDone()).isEqualTo(2 * BATCHES);
        EarlyStop earlyStop = stopMode.report().earlyStop();
        assertThat(earlyStop.epoch()).isEqualTo(2);
        assertThat(earlyStop.decidedAfterEpoch()).isEqualTo(2);
        assertThat(earlyStop.mode()).isEqualTo("stop");
        assertThat(earlyStop.endUpdate()).isEqualTo(2 * BATCHES);
        // The best model is the best epoch by the pipeline's monitor, whatever ended the
        // run: here epoch 2, more accurate than epoch 1 but not by the min-delta.
        List<EpochSummary> history = stopMode.report().history();
        assertThat(history.get(1).validationAccuracy()).isGreaterThan(history.get(0).validationAccuracy());
        assertThat(stopMode.report().bestModel().epoch()).isEqualTo(2);
        assertThat(stopMode.report().model().epoch()).isEqualTo(2);
    }

    @Test
    void aRunStoppedBeforeTheDecisionResumesBitIdentical() throws IOException {
        assertThat(resumedAfterStop.status()).isEqualTo(BatchStatus.COMPLETED);
        assertSameRun(resumedAfterStop);
    }

    @Test
    void aRunFailedDuringTheDecayResumesBitIdentical() throws IOException {
        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.report().history()).hasSize(2);
        assertThat(failed.report().earlyStop().epoch()).isEqualTo(2);
        assertThat(resumedAfterFailure.status()).isEqualTo(BatchStatus.COMPLETED);
        assertSameRun(resumedAfterFailure);
    }

    @Test
    void aRunFailedInsideADecayEpochResumesFromItsMidEpochCheckpointBitIdentical() throws IOException {
        assertThat(failedInsideDecay.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failedInsideDecay.checkpoints().get(0).getFileName())
            .hasToString("epoch-0003-batch-000001.g000001.ckpt");
        assertThat(resumedInsideDecay.status()).isEqualTo(BatchStatus.COMPLETED);
        assertSameRun(resumedInsideDecay);
    }

    private static void assertSameRun(TrainingRun resumed) throws IOException {
        ResumedRun.assertEndedAsUninterrupted(resumed, uninterrupted, 4);
    }

}
