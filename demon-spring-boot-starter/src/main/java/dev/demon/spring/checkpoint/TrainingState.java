package dev.demon.spring.checkpoint;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.report.EpochSummary;

/**
 * Where a training run stood when a checkpoint was taken, besides the parameter and
 * optimizer bytes. Checkpoints written before the starter's "update" wording name the
 * update counters {@code globalStep} and {@code totalSteps}; those names are still read.
 *
 * @param pipeline the pipeline the checkpoint belongs to
 * @param epoch the last finished epoch (1-based)
 * @param updatesDone optimizer updates applied so far
 * @param totalUpdates T of the run
 * @param batchesPerEpoch batches in one epoch; T = epochs × batchesPerEpoch
 * @param parameterIds the block's stable parameter names mapped to the ids the parameters
 * had in the process that wrote the checkpoint; the optimizer state is keyed by those
 * ids, which DJL draws anew in every process
 * @param history one summary per finished epoch, in order
 * @param progress where the running epoch stood, for a checkpoint taken inside epoch
 * {@code epoch + 1}; null for one taken when epoch {@code epoch} ended (and in
 * checkpoints written before mid-epoch checkpoints existed)
 * @param earlyStopping where the run's early stopping stood; null when it is off, and in
 * checkpoints written before early stopping existed
 */
public record TrainingState(String pipeline, int epoch, @JsonAlias("globalStep") long updatesDone,
        @JsonAlias("totalSteps") long totalUpdates, long batchesPerEpoch, Map<String, String> parameterIds,
        List<EpochSummary> history, @Nullable EpochProgress progress, @Nullable EarlyStoppingState earlyStopping) {

    /**
     * The state of a run without early stopping.
     * @param pipeline the pipeline the checkpoint belongs to
     * @param epoch the last finished epoch (1-based)
     * @param updatesDone optimizer updates applied so far
     * @param totalUpdates T of the run
     * @param batchesPerEpoch batches in one epoch
     * @param parameterIds the block's stable parameter names mapped to their ids
     * @param history one summary per finished epoch, in order
     * @param progress where the running epoch stood, or null
     */
    public TrainingState(String pipeline, int epoch, long updatesDone, long totalUpdates, long batchesPerEpoch,
            Map<String, String> parameterIds, List<EpochSummary> history, @Nullable EpochProgress progress) {
        this(pipeline, epoch, updatesDone, totalUpdates, batchesPerEpoch, parameterIds, history, progress, null);
    }

    /**
     * Whether the checkpoint was taken inside an epoch rather than when one ended.
     * @return true when {@link #progress()} is set
     */
    public boolean isMidEpoch() {
        return progress != null;
    }

    /**
     * Where the checkpoint stands, for ordering checkpoints and naming them in messages.
     * @return "after epoch 2" or "after batch 50 of epoch 3"
     */
    public String position() {
        return isMidEpoch() ? "after batch " + progress.batches() + " of epoch " + progress.epoch()
                : "after epoch " + epoch;
    }

}
