package dev.demon.spring.sweep;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.training.ModelMonitor;

/**
 * The {@code sweep.json} a sweep's results step writes into the sweep's folder
 * ({@link dev.demon.spring.report.ReportJson}): every trial, the best one and the model
 * saved from it. As in {@code report.json}, a figure that does not exist is {@code null}.
 *
 * @param sweep the sweep's name, also its job's
 * @param pipeline the pipeline the trials train
 * @param search {@code grid} or {@code random}
 * @param objective what the trials are compared on: {@code validation-loss} or
 * {@code validation-accuracy}
 * @param direction {@code minimize} (loss) or {@code maximize} (accuracy)
 * @param status the sweep job execution's Spring Batch status when the results were
 * written (STARTED while its results step runs)
 * @param trials every trial, in trial order
 * @param best the best trial, or null when no trial finished an epoch with a finite
 * objective
 * @param bestModel the model saved from the best trial, or null when there is none
 */
public record SweepReport(String sweep, String pipeline, String search, String objective, String direction,
        String status, List<Trial> trials, @Nullable BestTrial best, @Nullable BestModel bestModel) {

    /**
     * The report of a sweep's trials.
     * @param summary the sweep
     * @param status its job execution's status now
     * @param trials its trials, in trial order
     * @param bestModel the model saved from the best trial, or null
     * @return the report
     */
    public static SweepReport of(SweepSummary summary, String status, List<TrialOutcome> trials,
            @Nullable BestModel bestModel) {
        ModelMonitor objective = summary.objective();
        return new SweepReport(summary.sweep(), summary.pipeline(), summary.search(), PropertyValues.of(objective),
                objective == ModelMonitor.VALIDATION_LOSS ? "minimize" : "maximize", status,
                trials.stream().map(trial -> Trial.of(trial, objective)).toList(),
                TrialOutcome.best(trials, objective).map(best -> BestTrial.of(best, objective)).orElse(null),
                bestModel);
    }

    /**
     * One trial.
     *
     * @param trial its key, {@code trial-NNNN}
     * @param parameters its training properties by name relative to {@code demon.}, in
     * the sweep's declared order
     * @param status COMPLETED, PRUNED, FAILED, STOPPED, STARTED...
     * @param attempts how many times it started training
     * @param bestEpoch its best epoch by the objective, or null when none finished with a
     * finite objective
     * @param objective the objective after each finished epoch, epoch 1 first; null where
     * it was not finite
     * @param bestObjective the objective at the best epoch, or null
     * @param updates optimizer updates done
     * @param seconds wall time it trained, over all its attempts
     * @param host the host that trained it last, or null before its first start
     */
    public record Trial(String trial, Map<String, String> parameters, String status, int attempts,
            @Nullable Integer bestEpoch, List<Double> objective, @Nullable Double bestObjective, long updates,
            double seconds, @Nullable String host) {

        static Trial of(TrialOutcome outcome, ModelMonitor objective) {
            TrialProgress progress = outcome.progress();
            return new Trial(progress.trial(), progress.parameters(), outcome.status(), progress.attempts(),
                    boxed(outcome.bestEpoch(objective)), progress.objectives(), outcome.bestObjective(objective),
                    progress.updatesDone(), progress.seconds(), progress.host());
        }

    }

    /**
     * The best trial: the one whose best epoch has the best objective, the earliest on a
     * tie.
     *
     * @param trial its key
     * @param parameters its training properties
     * @param bestEpoch its best epoch
     * @param bestObjective the objective at that epoch
     */
    public record BestTrial(String trial, Map<String, String> parameters, int bestEpoch, double bestObjective) {

        static BestTrial of(TrialOutcome best, ModelMonitor objective) {
            return new BestTrial(best.trial(), best.progress().parameters(), best.bestEpoch(objective).orElseThrow(),
                    best.bestObjective(objective));
        }

    }

    /**
     * The model saved from the best trial, with DJL's {@code Model.save}.
     *
     * @param path its folder relative to the sweep's folder: {@code best-model}
     * @param trial the trial it is from
     * @param epoch the epoch its parameters are from: the trial's best, unless that
     * epoch's checkpoint is gone
     * @param validationLoss the validation loss of that epoch
     * @param validationAccuracy its validation accuracy, null for a pipeline without an
     * accuracy evaluator
     */
    public record BestModel(String path, String trial, int epoch, float validationLoss, float validationAccuracy) {
    }

    private static @Nullable Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

}
