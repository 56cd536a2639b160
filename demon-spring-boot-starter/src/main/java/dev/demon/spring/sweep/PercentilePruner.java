package dev.demon.spring.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Optuna's percentile pruning rule, on plain data: a trial stops when its best objective
 * so far is worse than the given percentile of the completed trials' objectives at the
 * step it has just reported. The rule and its settings are those of Optuna's
 * {@code PercentilePruner} ({@code optuna/pruners/_percentile.py}), step by step; the
 * tests are ported from {@code tests/pruners_tests/test_percentile.py}.
 *
 * <p>
 * {@link #prune} answers {@code false} (go on) when:
 * <ol>
 * <li>no trial has completed, or fewer than {@code nStartupTrials};
 * <li>the trial has reported nothing, or its last step is below {@code nWarmupSteps};
 * <li>its last step is not the first it reported in its pruning interval: checks happen
 * at the steps {@code nWarmupSteps + k * intervalSteps}, and when the trial reported
 * nothing at such a step the check waits for its next report (so a trial reporting every
 * third step under an interval of 10 is checked at three consecutive calls after each
 * boundary it crosses, as long as its last report is the first past the boundary);
 * <li>fewer than {@code nMinTrials} completed trials reported at exactly that step (NaN
 * values count);
 * <li>the percentile of their values, NaN ignored, is NaN (all of them are NaN).
 * </ol>
 * Otherwise it answers {@code true} when every value the trial reported is NaN, and else
 * when its best value over all its steps is strictly worse than that percentile: above it
 * when minimizing, below it when maximizing (a tie goes on). When maximizing the
 * percentile is taken at {@code 100 - percentile}, so that {@code percentile} always
 * names the share of the best trials that are kept.
 *
 * @param percentile the percentile of the completed trials' values a trial must do at
 * least as well as, in [0, 100]: 25 keeps the top quarter, 50 is the median rule
 * @param nStartupTrials how many trials must complete before any is pruned, &gt;= 0
 * @param nWarmupSteps no trial is pruned before it reports this step, &gt;= 0
 * @param intervalSteps steps between two pruning checks, counted from
 * {@code nWarmupSteps}, &gt;= 1
 * @param nMinTrials how many completed trials must have reported at a step for a trial to
 * be judged there, &gt;= 1
 */
public record PercentilePruner(double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps,
        int nMinTrials) {

    /** Optuna's default {@code n_startup_trials}. */
    public static final int DEFAULT_STARTUP_TRIALS = 5;

    /** Optuna's default {@code n_warmup_steps}. */
    public static final int DEFAULT_WARMUP_STEPS = 0;

    /** Optuna's default {@code interval_steps}. */
    public static final int DEFAULT_INTERVAL_STEPS = 1;

    /** Optuna's default {@code n_min_trials}. */
    public static final int DEFAULT_MIN_TRIALS = 1;

    /**
     * Checks the settings as Optuna's constructor does.
     * @throws IllegalArgumentException naming the first setting out of its range
     */
    public PercentilePruner {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100 inclusive but got " + percentile);
        }
        if (nStartupTrials < 0) {
            throw new IllegalArgumentException("nStartupTrials cannot be negative but got " + nStartupTrials);
        }
        if (nWarmupSteps < 0) {
            throw new IllegalArgumentException("nWarmupSteps cannot be negative but got " + nWarmupSteps);
        }
        if (intervalSteps < 1) {
            throw new IllegalArgumentException("intervalSteps must be at least 1 but got " + intervalSteps);
        }
        if (nMinTrials < 1) {
            throw new IllegalArgumentException("nMinTrials must be at least 1 but got " + nMinTrials);
        }
    }

    /**
     * A pruner at the given percentile with Optuna's default settings: 5 startup trials,
     * no warm-up, a check at every step, 1 trial at least to compare with.
     * @param percentile in [0, 100]
     */
    public PercentilePruner(double percentile) {
        this(percentile, DEFAULT_STARTUP_TRIALS, DEFAULT_WARMUP_STEPS, DEFAULT_INTERVAL_STEPS, DEFAULT_MIN_TRIALS);
    }

    /**
     * Whether the trial stops now, having just reported its last step (Optuna's
     * {@code PercentilePruner.prune}).
     * @param trial what the trial has reported so far
     * @param completed the objectives of the trials that completed (Optuna's
     * {@code TrialState.COMPLETE}; neither pruned, failed nor running ones), the trial
     * itself excluded
     * @param direction whether lower or higher objectives are better
     * @return true when the trial should stop
     */
    public boolean prune(TrialObjectives trial, List<TrialObjectives> completed, ObjectiveDirection direction) {
        if (completed.isEmpty() || completed.size() < nStartupTrials) {
            return false;
        }
        OptionalInt lastStep = trial.lastStep();
        if (lastStep.isEmpty() || lastStep.getAsInt() < nWarmupSteps) {
            return false;
        }
        int step = lastStep.getAsInt();
        if (!isFirstInInterval(trial, step)) {
            return false;
        }
        double best = trial.best(direction);
        if (Double.isNaN(best)) {
            return true;
        }
        double threshold = percentileAt(completed, direction, step, percentile, nMinTrials);
        if (Double.isNaN(threshold)) {
            return false;
        }
        return (direction == ObjectiveDirection.MAXIMIZE) ? best < threshold : best > threshold;
    }

    /**
     * Whether the step is the first the trial reported since the last pruning boundary at
     * or below it (Optuna's {@code _is_first_in_interval_step}): the boundaries are
     * {@code nWarmupSteps + k * intervalSteps}, and a step reported before this one but
     * at or after the boundary means the check was made already.
     */
    private boolean isFirstInInterval(TrialObjectives trial, int step) {
        int boundary = Math.floorDiv(step - nWarmupSteps, intervalSteps) * intervalSteps + nWarmupSteps;
        Integer previous = trial.byStep().lowerKey(step);
        return ((previous != null) ? previous : -1) < boundary;
    }

    /**
     * The percentile of the completed trials' values at a step (Optuna's
     * {@code _get_percentile_intermediate_result_over_trials}).
     * @param completed the completed trials
     * @param direction when maximizing the percentile is taken at
     * {@code 100 - percentile}
     * @param step the step
     * @param percentile in [0, 100]
     * @param nMinTrials fewer values than this at the step give NaN; NaN values count
     * @return numpy's {@code nanpercentile} of the values (linear interpolation, NaN
     * ignored), NaN when there are too few or all are NaN
     * @throws IllegalArgumentException when no trial has completed
     */
    static double percentileAt(List<TrialObjectives> completed, ObjectiveDirection direction, int step,
            double percentile, int nMinTrials) {
        if (completed.isEmpty()) {
            throw new IllegalArgumentException("No trials have been completed");
        }
        List<Double> values = new ArrayList<>();
        for (TrialObjectives trial : completed) {
            Double value = trial.byStep().get(step);
            if (value != null) {
                values.add(value);
            }
        }
        if (values.size() < nMinTrials) {
            return Double.NaN;
        }
        double q = (direction == ObjectiveDirection.MAXIMIZE) ? 100 - percentile : percentile;
        return nanPercentile(values.stream().mapToDouble(Double::doubleValue).toArray(), q);
    }

    /**
     * numpy's {@code nanpercentile} with its default {@code linear} method
     * ({@code numpy/lib/_function_base_impl.py}): NaN values dropped, the rest sorted,
     * the value at the virtual index {@code (n - 1) * q / 100} interpolated as numpy's
     * {@code _lerp} does, from the upper neighbour when the fraction is at least 0.5, so
     * that the figures are numpy's to the bit.
     */
    private static double nanPercentile(double[] values, double q) {
        double[] sorted = Arrays.stream(values).filter((value) -> !Double.isNaN(value)).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double virtualIndex = (n - 1) * (q / 100);
        if (virtualIndex >= n - 1) {
            return sorted[n - 1];
        }
        int below = (int) Math.floor(virtualIndex);
        double t = virtualIndex - below;
        double a = sorted[below];
        double b = sorted[below + 1];
        double difference = b - a;
        return (t >= 0.5) ? b - difference * (1 - t) : a + difference * t;
    }

}
