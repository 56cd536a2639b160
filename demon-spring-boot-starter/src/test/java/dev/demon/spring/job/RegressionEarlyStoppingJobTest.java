package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import dev.demon.schedule.DecayThenStop;
import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.checkpoint.EarlyStoppingState;
import dev.demon.spring.report.EarlyStop;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.RecordingMomentumSchedule;
import dev.demon.spring.testing.RegressionPipeline;
import dev.demon.spring.testing.ResumedRun;
import dev.demon.spring.testing.TrainingApplication;
import dev.demon.spring.testing.TrainingRun;

/**
 * Early stopping of a regression without evaluators, monitored by its validation loss
 * (the pipeline's monitor, the only figure it has): {@link RegressionPipeline} planned
 * for 6 epochs of 8 updates (T = 48) with patience 2 and a min-delta of 1000. An L2 loss
 * is never negative, so no epoch can beat a best below 1000 by more than 1000: epoch 1
 * sets the best, epochs 2 and 3 wait, and epoch 3 decides to stop, whatever the losses.
 * In {@code stop} the run ends after epoch 3; in {@code decay-then-stop} with 1 decay
 * epoch β is re-planned from t_s = 24 to reach 0 at T' = 32 and the run ends after epoch
 * 4. A run failed in epoch 3, mid-patience (the wait at 1), and resumed ends
 * bit-identical to the uninterrupted one.
 */
class RegressionEarlyStoppingJobTest {

    private static final long BATCHES = RegressionPipeline.BATCHES_PER_EPOCH;

    private static final long PLANNED = 6 * BATCHES;

    private static final String[] EARLY_STOPPING = { "--demon.pipelines.regression.epochs=6",
            "--demon.early-stopping.enabled=true", "--demon.early-stopping.min-delta=1000",
            "--demon.early-stopping.patience=2" };

    private static final String[] DECAY_THEN_STOP = with("--demon.early-stopping.mode=decay-then-stop",
            "--demon.early-stopping.decay-epochs=1");

    @TempDir
    static Path uninterruptedFolder;

    @TempDir
    static Path stopModeFolder;

    @TempDir
    static Path failedFolder;

    private static TrainingRun uninterrupted;

    private static TrainingRun stopMode;

    private static TrainingRun failed;

    private static TrainingRun resumed;

    private static Path failedCheckpoint;

    private static EarlyStoppingState failedState;

    @BeforeAll
    static void train() throws IOException {
        uninterrupted = regression(uninterruptedFolder, DataFault.NONE, DECAY_THEN_STOP);
        stopMode = regression(stopModeFolder, DataFault.NONE, with("--demon.early-stopping.mode=stop"));
        failed = regression(failedFolder, DataFault.inRegressionEpoch(DataFault.Kind.ERROR, 3), DECAY_THEN_STOP);
        // Read before the resumed run supersedes it.
        failedCheckpoint = failed.checkpoints().get(0);
        failedState = new CheckpointStore(failedCheckpoint.getParent()).read(failedCheckpoint).state().earlyStopping();
        resumed = regression(failedFolder, DataFault.NONE, DECAY_THEN_STOP);
    }

    private static TrainingRun regression(Path folder, DataFault fault, String... properties) {
        return TrainingRun.start(TrainingApplication.REGRESSION, folder, fault, context -> {
        }, properties);
    }

    private static String[] with(String... more) {
        String[] properties = Arrays.copyOf(EARLY_STOPPING, EARLY_STOPPING.length + more.length);
        System.arraycopy(more, 0, properties, EARLY_STOPPING.length, more.length);
        return properties;
    }

    @Test
    void epoch3DecidesAfterTwoEpochsWithoutAnImprovementByTheMinDelta() {
        // The premise of the design: every validation loss is far below the min-delta.
        assertThat(uninterrupted.report().history()).extracting(EpochSummary::validationLoss)
            .allSatisfy(loss -> assertThat(loss).isBetween(0f, 1000f));
        EarlyStop earlyStop = uninterrupted.report().earlyStop();
        float best = uninterrupted.report().history().get(0).validationLoss();
        assertThat(earlyStop).isEqualTo(new EarlyStop(4, 3,
                "validation-loss did not improve by more than 1000.0 in 2 epochs; best " + best + " at epoch 1",
                "decay-then-stop", "validation-loss", best, 1, 3 * BATCHES, 4 * BATCHES));
    }

    @Test
    void decayThenStopEndsCompletedAfterTheDecayEpoch() {
        assertThat(uninterrupted.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(uninterrupted.exitCode()).isZero();
        assertThat(uninterrupted.report().history()).extracting(EpochSummary::epoch).containsExactly(1, 2, 3, 4);
        assertThat(uninterrupted.report().updatesDone()).isEqualTo(4 * BATCHES);
        assertThat(uninterrupted.report().totalUpdates()).isEqualTo(PLANNED);
    }

    @Test
    void betaFollowsTheReplannedScheduleToZeroAtTheNewEnd() {
        EarlyStop earlyStop = uninterrupted.report().earlyStop();
        MomentumSchedule replanned = new DecayThenStop(earlyStop.stopUpdate(), earlyStop.endUpdate())
            .momentum(new RecordingMomentumSchedule(), PLANNED);
        List<EpochSummary> history = uninterrupted.report().history();
        // Epoch 3 ends at t = 23 as planned for T = 48: p = 25/48, β = 0.9p / (0.1 +
        // 0.9p)
        // = 75/91.
        assertThat(history.get(2).momentum())
            .isEqualTo(new RecordingMomentumSchedule().momentum(3 * BATCHES - 1, PLANNED))
            .isCloseTo(75f / 91, within(1e-6f));
        // The last update, t = T' − 1 = 31: the remaining fraction (1 − 24/48)·(32 −
        // 31)/(32 − 24) = 1/16, β = 0.9/16 / (0.1 + 0.9/16) = 0.36 (β_init = 0.9f, one
        // float rounding away).
        float last = replanned.momentum(4 * BATCHES - 1, PLANNED);
        assertThat(history.get(3).momentum()).isEqualTo(last).isCloseTo(0.36f, within(1e-6f));
        assertThat(uninterrupted.report().finalMomentum()).isEqualTo(last);
        // At T' = 32, where the run ends, β is 0.
        assertThat(replanned.momentum(4 * BATCHES, PLANNED)).isZero();
    }

    @Test
    void stopModeEndsAfterTheEpochThatDecided() {
        assertThat(stopMode.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(stopMode.report().history()).extracting(EpochSummary::epoch).containsExactly(1, 2, 3);
        assertThat(stopMode.report().updatesDone()).isEqualTo(3 * BATCHES);
        EarlyStop earlyStop = stopMode.report().earlyStop();
        assertThat(earlyStop.epoch()).isEqualTo(3);
        assertThat(earlyStop.decidedAfterEpoch()).isEqualTo(3);
        assertThat(earlyStop.mode()).isEqualTo("stop");
        assertThat(earlyStop.endUpdate()).isEqualTo(3 * BATCHES);
        // The best model is the best epoch by the validation loss, whatever ended the
        // run:
        // here epoch 2, lower than epoch 1 but not by the min-delta, and lower than the
        // last, epoch 3.
        List<EpochSummary> history = stopMode.report().history();
        assertThat(history.get(1).validationLoss()).isLessThan(history.get(0).validationLoss())
            .isLessThan(history.get(2).validationLoss());
        assertThat(stopMode.report().bestModel().epoch()).isEqualTo(2);
        assertThat(stopMode.report().model().epoch()).isEqualTo(3);
    }

    @Test
    void bothModesTrainTheSameEpochsUpToTheDecision() {
        assertThat(ResumedRun.withoutThroughput(stopMode.report().history()))
            .containsExactlyElementsOf(ResumedRun.withoutThroughput(uninterrupted.report().history().subList(0, 3)));
    }

    @Test
    void aRunFailedMidPatienceResumesBitIdentical() throws IOException {
        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.report().history()).hasSize(2);
        assertThat(failed.report().earlyStop()).isNull();
        // Its last checkpoint, epoch 2's, holds the best of epoch 1 and a wait of 1 the
        // resumed run must not reset.
        assertThat(failedCheckpoint.getFileName()).hasToString("epoch-0002.g000001.ckpt");
        assertThat(failedState.bestEpoch()).isEqualTo(1);
        assertThat(failedState.waitCount()).isEqualTo(1);
        assertThat(failedState.reason()).isNull();
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        ResumedRun.assertEndedAsUninterrupted(resumed, uninterrupted, 4);
    }

}
