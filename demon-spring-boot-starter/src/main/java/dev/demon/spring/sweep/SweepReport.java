package dev.demon.spring.sweep;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.report.TrainingConfiguration;
import dev.demon.spring.training.ModelMonitor;

/**
 * The {@code sweep.json} a sweep's job writes into the sweep's folder when it ends,
 * whatever its status ({@link SweepResultsWriter}): every trial, the best one and the
 * model saved from it. As in {@code report.json}, a figure that does not exist is
 * {@code null}.
 *
 * @param sweep the sweep's name, also its job's
 * @param pipeline the pipeline the trials train
 * @param search {@code grid} or {@code random}
 * @param objective what the trials are compared on: {@code validation-loss} or
 * {@code validation-accuracy}
 * @param direction {@code minimize} (loss) or {@code maximize} (accuracy)
 * @param status the final Spring Batch status of the sweep's job execution that wrote the
 * results: COMPLETED, STOPPED or FAILED
 * @param trials every trial, in trial order
 * @param best the best trial, or null when no trial finished an epoch with a finite
 * objective
 * @param bestModel the model saved from the best trial, or null when there is none
 * @param generation the generation of the sweep job's lease held by the process that
 * wrote the results (0 without leases): as for {@code report.json}, a process holding an
 * older generation does not replace them
 */
public record SweepReport(String sweep, String pipeline, String search, String objective, String direction,
        String status, List<Trial> trials, @Nullable BestTrial best, @Nullable BestModel bestModel, long generation) {

    /**
     * The report of a sweep's trials.
     * @param summary the sweep
     * @param status its job execution's final status
     * @param trials its trials, in trial order
     * @param bestModel the model saved from the best trial, or null
     * @param generation the lease generation of the process writing the report
     * @return the report
     */
    public static SweepReport of(SweepSummary summary, String status, List<TrialOutcome> trials,
            @Nullable BestModel bestModel, long generation) {
        ModelMonitor objective = summary.objective();
        return new SweepReport(summary.sweep(), summary.pipeline(), summary.search(), PropertyValues.of(objective),
                PropertyValues.of(ObjectiveDirection.of(objective)), status,
                trials.stream().map(trial -> Trial.of(trial, objective)).toList(),
                TrialOutcome.best(trials, objective).map(best -> BestTrial.of(best, objective)).orElse(null), bestModel,
                generation);
    }

    /**
     * One trial.
     *
     * @param trial its key, {@code trial-NNNN}
     * @param parameters its training properties by name relative to {@code demon.}, in
     * the sweep's declared order
     * @param configuration the whole configuration it trains with, as {@code report.json}
     * gives a run's; null before its first start
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
    public record Trial(String trial, Map<String, String> parameters, @Nullable TrainingConfiguration configuration,
            String status, int attempts, @Nullable Integer bestEpoch, List<Double> objective,
            @Nullable Double bestObjective, long updates, double seconds, @Nullable String host) {

        static Trial of(TrialOutcome outcome, ModelMonitor objective) {
            TrialProgress progress = outcome.progress();
            return new Trial(progress.trial(), progress.parameters(), progress.configuration(), outcome.status(),
                    progress.attempts(), boxed(outcome.bestEpoch(objective)), progress.objectives(),
                    outcome.bestObjective(objective), progress.updatesDone(), progress.seconds(), progress.host());
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
     * @param path its folder relative to the sweep's folder:
     * {@code best-model.g<generation>}
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
