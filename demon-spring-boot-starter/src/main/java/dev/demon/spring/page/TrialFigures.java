package dev.demon.spring.page;

import java.util.List;
import java.util.Map;

import dev.demon.spring.sweep.TrialOutcome;
import dev.demon.spring.sweep.TrialProgress;
import dev.demon.spring.training.ModelMonitor;

/**
 * One trial of a sweep as the page lists it: a {@link TrialOutcome} with null where an
 * objective is not finite, which JSON cannot carry as a number.
 *
 * @param trial its key, {@code trial-NNNN}
 * @param parameters its training properties by name relative to {@code demon.}, in the
 * sweep's declared order
 * @param status COMPLETED, PRUNED, FAILED, STOPPED, STARTED, STARTING...
 * @param epoch the epochs it finished
 * @param objective the objective after its latest finished epoch, or null
 * @param objectives the objective after each finished epoch, epoch 1 first
 * @param bestObjective the objective at its best epoch, or null when none is finite
 * @param attempts how many times it started training
 */
public record TrialFigures(String trial, Map<String, String> parameters, String status, int epoch, Double objective,
        List<Double> objectives, Double bestObjective, int attempts) {

    static TrialFigures of(TrialOutcome outcome, ModelMonitor objective) {
        TrialProgress progress = outcome.progress();
        List<Double> objectives = progress.objectives().stream().map(TrialFigures::number).toList();
        return new TrialFigures(progress.trial(), progress.parameters(), outcome.status(), objectives.size(),
                objectives.isEmpty() ? null : objectives.get(objectives.size() - 1), objectives,
                outcome.bestObjective(objective), progress.attempts());
    }

    private static Double number(Double value) {
        return Double.isFinite(value) ? value : null;
    }

}
