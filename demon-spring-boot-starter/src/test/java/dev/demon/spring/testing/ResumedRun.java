package dev.demon.spring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.demon.spring.checkpoint.Checkpoint;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.report.EpochSummary;

/**
 * The comparison of an early-stopped run that was interrupted and resumed with the same
 * run uninterrupted: bit for bit, the same parameters and early-stopping state in the
 * last checkpoint, the same history (but the throughput), early stop and updates in the
 * report.
 */
public final class ResumedRun {

    private ResumedRun() {
    }

    /**
     * Asserts that {@code resumed} ended as {@code uninterrupted} did.
     * @param resumed the run started again after its interruption: the lease's second
     * generation
     * @param uninterrupted the run that was not interrupted, in a folder of its own
     * @param lastEpoch the last epoch both trained
     * @throws IOException when a checkpoint cannot be read
     */
    public static void assertEndedAsUninterrupted(TrainingRun resumed, TrainingRun uninterrupted, int lastEpoch)
            throws IOException {
        String epoch = "epoch-%04d".formatted(lastEpoch);
        Checkpoint resumedEnd = newest(resumed, epoch + ".g000002.ckpt");
        Checkpoint uninterruptedEnd = newest(uninterrupted, epoch + ".g000001.ckpt");
        assertThat(resumedEnd.parameters()).isEqualTo(uninterruptedEnd.parameters());
        assertThat(resumedEnd.state().earlyStopping()).isEqualTo(uninterruptedEnd.state().earlyStopping());
        assertThat(withoutThroughput(resumed.report().history()))
            .containsExactlyElementsOf(withoutThroughput(uninterrupted.report().history()));
        assertThat(resumed.report().earlyStop()).isEqualTo(uninterrupted.report().earlyStop());
        assertThat(resumed.report().updatesDone()).isEqualTo(uninterrupted.report().updatesDone());
    }

    /**
     * A history without its throughput, the one figure two identical runs do not share,
     * to compare as records: every float bit for bit, NaN (an accuracy a pipeline does
     * not have) equal to NaN.
     * @param history a report's history
     * @return the same epochs with a throughput of 0
     */
    public static List<EpochSummary> withoutThroughput(List<EpochSummary> history) {
        return history.stream()
            .map(epoch -> new EpochSummary(epoch.epoch(), epoch.trainLoss(), epoch.trainAccuracy(),
                    epoch.validationLoss(), epoch.validationAccuracy(), epoch.momentum(), epoch.learningRate(), 0))
            .toList();
    }

    private static Checkpoint newest(TrainingRun run, String fileName) throws IOException {
        Path newest = run.checkpoints().get(0);
        assertThat(newest.getFileName()).hasToString(fileName);
        return new CheckpointStore(newest.getParent()).read(newest);
    }

}
