package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;
import dev.demon.spring.testing.UninterruptedRun;

/**
 * A job whose data fails in epoch 2 of 3, started again with the same command: it resumes
 * from the checkpoint of epoch 1 and ends as the uninterrupted run does.
 */
class ResumeAfterFailureTest {

    @TempDir
    static Path folder;

    private static final long BATCHES = SyntheticPipeline.BATCHES_PER_EPOCH;

    private static TrainingRun uninterrupted;

    private static TrainingRun failed;

    private static TrainingRun resumed;

    @BeforeAll
    static void failInEpochTwoThenRunAgain() {
        uninterrupted = UninterruptedRun.shared();
        failed = TrainingRun.start(folder, DataFault.inEpoch(DataFault.Kind.ERROR, 2));
        resumed = TrainingRun.start(folder, DataFault.NONE);
    }

    @Test
    void faultFailsTheJobWithNonZeroExitCode() {
        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stepFailures()).singleElement()
            .asString()
            .startsWith("java.lang.IllegalStateException: Step synthetic-epoch-2 (epoch 2 of 3) failed: ")
            .contains("injected fault: record 95 cannot be read");
        assertThat(failed.report().status()).isEqualTo("FAILED");
        assertThat(failed.report().history()).extracting(EpochSummary::epoch).containsExactly(1);
    }

    @Test
    void secondRunCompletesWithExitCodeZero() {
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.exitCode()).isZero();
    }

    @Test
    void finishedEpochIsNotRunAgain() {
        // Runs of each epoch step in the job instance: epoch 2 failed once and ran again.
        assertThat(resumed.stepRuns()).containsExactly(1L, 2L, 1L);
    }

    @Test
    void uninterruptedRunGoesThroughEveryUpdateOnce() {
        assertThat(uninterrupted.updates())
            .containsExactlyElementsOf(LongStream.range(0, TrainingRun.TOTAL_UPDATES).boxed().toList());
    }

    @Test
    void resumedRunContinuesTheUpdateCounterInsteadOfRestartingIt() {
        // β_t continues from t = 6, the first update of epoch 2, up to T - 1; no t of
        // epoch 1 comes again.
        assertThat(resumed.updatesAfterTheFirst())
            .containsExactlyElementsOf(uninterrupted.updates().subList((int) BATCHES, (int) TrainingRun.TOTAL_UPDATES));
    }

    @Test
    void resumedRunDoesAsManyUpdatesAsTheUninterruptedOne() {
        assertThat(resumed.report().updatesDone()).isEqualTo(TrainingRun.TOTAL_UPDATES)
            .isEqualTo(uninterrupted.report().updatesDone());
        assertThat(resumed.report().totalUpdates()).isEqualTo(TrainingRun.TOTAL_UPDATES);
    }

    @Test
    void resumedRunHasTheSameMomentumSequence() {
        assertThat(resumed.report().history()).extracting(EpochSummary::momentum)
            .containsExactlyElementsOf(uninterrupted.report().history().stream().map(EpochSummary::momentum).toList());
        assertThat(resumed.report().finalMomentum()).isEqualTo(uninterrupted.report().finalMomentum());
    }

    @Test
    void withASeedTheResumedRunIsBitIdenticalToTheUninterruptedOne() throws IOException {
        assertThat(finalParameters(resumed)).isEqualTo(finalParameters(uninterrupted));
        assertThat(withoutThroughput(resumed.report().history()))
            .isEqualTo(withoutThroughput(uninterrupted.report().history()));
    }

    static byte[] finalParameters(TrainingRun run) throws IOException {
        Path last = run.checkpoints().get(0);
        // Written by the first holder of the lease, or by the second that resumed.
        assertThat(last.getFileName().toString()).matches("epoch-0003\\.g00000[12]\\.ckpt");
        return new CheckpointStore(last.getParent()).read(last).parameters();
    }

    static List<EpochSummary> withoutThroughput(List<EpochSummary> history) {
        return history.stream()
            .map(epoch -> new EpochSummary(epoch.epoch(), epoch.trainLoss(), epoch.trainAccuracy(),
                    epoch.validationLoss(), epoch.validationAccuracy(), epoch.momentum(), epoch.learningRate(), 0))
            .toList();
    }

}
