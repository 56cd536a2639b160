package dev.demon.spring.sweep;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;

import dev.demon.spring.training.ModelMonitor;

/**
 * Where one trial of a sweep ended, or stands: its progress and its status, as its latest
 * partition execution records them.
 *
 * @param progress the trial's parameters, objective per finished epoch, attempts,
 * updates, seconds and host
 * @param status {@link #PRUNED} for a trial the pruner stopped, else the Spring Batch
 * status of its latest partition execution: COMPLETED, FAILED, STOPPED, STARTED...
 */
public record TrialOutcome(TrialProgress progress, String status) {

    /**
     * The exit code of a pruned trial's partition, which ends COMPLETED, and its status
     * in the results.
     */
    public static final String PRUNED = "PRUNED";

    /**
     * The outcome a trial's partition execution records.
     * @param trial the trial's key, {@code trial-NNNN}
     * @param partition its latest partition execution, with its execution context
     * @return its progress and status
     */
    public static TrialOutcome of(String trial, StepExecution partition) {
        String status = PRUNED.equals(partition.getExitStatus().getExitCode()) ? PRUNED : partition.getStatus().name();
        return new TrialOutcome(TrialProgress.readFrom(trial, partition.getExecutionContext()), status);
    }

    /**
     * The trial's key.
     * @return {@code trial-NNNN}
     */
    public String trial() {
        return progress.trial();
    }

    /**
     * The trial's best finished epoch by the objective, whatever its status: a pruned or
     * failed trial counts with the epochs it finished.
     * @param objective the sweep's objective
     * @return the 1-based epoch, by the rule of a run's best epoch
     * ({@link ModelMonitor#isBetter}): on a tie of the objective the lower validation
     * loss, then the earliest; empty when no epoch finished with a finite objective
     */
    public OptionalInt bestEpoch(ModelMonitor objective) {
        List<Double> objectives = progress.objectives();
        int best = 0;
        for (int epoch = 1; epoch <= objectives.size(); epoch++) {
            double value = objectives.get(epoch - 1);
            if (Double.isFinite(value) && (best == 0 || objective.isBetter(value, progress.validationLossAt(epoch),
                    objectives.get(best - 1), progress.validationLossAt(best)))) {
                best = epoch;
            }
        }
        return best == 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /**
     * The objective at the trial's best epoch.
     * @param objective the sweep's objective
     * @return the best finite value, or null when there is none
     */
    public @Nullable Double bestObjective(ModelMonitor objective) {
        OptionalInt epoch = bestEpoch(objective);
        return epoch.isPresent() ? progress.objectiveAt(epoch.getAsInt()) : null;
    }

    /**
     * The best trial of a sweep: the one whose best epoch has the best objective.
     * @param trials the trials, in trial order
     * @param objective the sweep's objective
     * @return the best, the earliest trial on a tie; empty when no trial has a finite
     * objective
     */
    public static Optional<TrialOutcome> best(List<TrialOutcome> trials, ModelMonitor objective) {
        ObjectiveDirection direction = ObjectiveDirection.of(objective);
        TrialOutcome best = null;
        for (TrialOutcome trial : trials) {
            Double value = trial.bestObjective(objective);
            if (value != null && (best == null || direction.isBetter(value, best.bestObjective(objective)))) {
                best = trial;
            }
        }
        return Optional.ofNullable(best);
    }

}
