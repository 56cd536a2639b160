package dev.demon.spring.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code report.json} a training job writes when it ends, COMPLETED or FAILED. The
 * update counters are also written under their names before the starter's "update"
 * wording, {@code totalSteps} and {@code stepsDone}, for one release.
 *
 * @param pipeline the pipeline, also the job's name
 * @param status the job's final Spring Batch status, COMPLETED or FAILED
 * @param optimizer sgdm or adam
 * @param schedule the momentum schedule's name ({@code MomentumSchedule.name()})
 * @param epochs the planned number of epochs
 * @param totalUpdates T, the planned number of optimizer updates (epochs × batches per
 * epoch)
 * @param updatesDone optimizer updates applied to the model the job ended with, counting
 * those restored from a checkpoint when it resumed
 * @param finalMomentum β of the last update; before any update the β the first one would
 * use, or {@code null} when the job failed before its optimizer existed and no checkpoint
 * holds one
 * @param wallSeconds time the job instance spent running: the sum over its executions (a
 * resumed job adds its earlier ones) of each one's start to its end; an execution whose
 * process died counts only up to its last recorded activity (the start of the epoch it
 * did not finish), not up to the restart that found it dead
 * @param history one entry per finished epoch
 * @param configuration the configuration the run was started with
 * @param model the model after the last epoch, once the job COMPLETED; null before
 * @param bestModel the model of the best epoch by {@code demon.model.monitor}, once the
 * job COMPLETED; null before
 * @param generation the generation of the job's lease held by the process that wrote the
 * report (0 without leases): a process holding an older generation does not replace it
 * @param earlyStop how early stopping ended the run, or null when it did not (early
 * stopping off, or no stop decided)
 * @param promotion what the run's promotion step decided (docs/promotion.md), or null
 * when it has not decided (the run did not complete, or a job without the step)
 */
public record TrainingReport(String pipeline, String status, String optimizer, String schedule, int epochs,
        long totalUpdates, long updatesDone, @Nullable Float finalMomentum, double wallSeconds,
        List<EpochSummary> history, TrainingConfiguration configuration, @Nullable SavedModel model,
        @Nullable SavedModel bestModel, long generation, @Nullable EarlyStop earlyStop,
        @Nullable PromotionDecision promotion) {

    /**
     * A report without a promotion decision.
     * @param pipeline the pipeline
     * @param status the job's final status
     * @param optimizer sgdm or adam
     * @param schedule the momentum schedule's name
     * @param epochs the planned number of epochs
     * @param totalUpdates T
     * @param updatesDone the updates applied
     * @param finalMomentum β of the last update, or null
     * @param wallSeconds time the job instance spent running
     * @param history one entry per finished epoch
     * @param configuration the configuration the run was started with
     * @param model the model after the last epoch, or null
     * @param bestModel the model of the best epoch, or null
     * @param generation the lease generation of the writer
     * @param earlyStop how early stopping ended the run, or null
     */
    public TrainingReport(String pipeline, String status, String optimizer, String schedule, int epochs,
            long totalUpdates, long updatesDone, @Nullable Float finalMomentum, double wallSeconds,
            List<EpochSummary> history, TrainingConfiguration configuration, @Nullable SavedModel model,
            @Nullable SavedModel bestModel, long generation, @Nullable EarlyStop earlyStop) {
        this(pipeline, status, optimizer, schedule, epochs, totalUpdates, updatesDone, finalMomentum, wallSeconds,
                history, configuration, model, bestModel, generation, earlyStop, null);
    }

    /**
     * A report of a run that early stopping did not end.
     * @param pipeline the pipeline
     * @param status the job's final status
     * @param optimizer sgdm or adam
     * @param schedule the momentum schedule's name
     * @param epochs the planned number of epochs
     * @param totalUpdates T
     * @param updatesDone the updates applied
     * @param finalMomentum β of the last update, or null
     * @param wallSeconds time the job instance spent running
     * @param history one entry per finished epoch
     * @param configuration the configuration the run was started with
     * @param model the model after the last epoch, or null
     * @param bestModel the model of the best epoch, or null
     * @param generation the lease generation of the writer
     */
    public TrainingReport(String pipeline, String status, String optimizer, String schedule, int epochs,
            long totalUpdates, long updatesDone, @Nullable Float finalMomentum, double wallSeconds,
            List<EpochSummary> history, TrainingConfiguration configuration, @Nullable SavedModel model,
            @Nullable SavedModel bestModel, long generation) {
        this(pipeline, status, optimizer, schedule, epochs, totalUpdates, updatesDone, finalMomentum, wallSeconds,
                history, configuration, model, bestModel, generation, null, null);
    }

    /**
     * {@link #totalUpdates()} under its former name.
     * @return T
     * @deprecated kept in {@code report.json} for one release; read {@code totalUpdates}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    @JsonProperty(value = "totalSteps", access = JsonProperty.Access.READ_ONLY)
    public long totalSteps() {
        return totalUpdates;
    }

    /**
     * {@link #updatesDone()} under its former name.
     * @return the updates applied
     * @deprecated kept in {@code report.json} for one release; read {@code updatesDone}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    @JsonProperty(value = "stepsDone", access = JsonProperty.Access.READ_ONLY)
    public long stepsDone() {
        return updatesDone;
    }

}
