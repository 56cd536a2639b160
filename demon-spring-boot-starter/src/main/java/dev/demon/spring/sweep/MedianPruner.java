package dev.demon.spring.sweep;

import java.util.List;

/**
 * The median stopping rule: a trial stops when its best objective so far is worse than
 * the median of the completed trials' objectives at the step it has just reported.
 * Optuna's {@code MedianPruner} ({@code optuna/pruners/_median.py}) is its
 * {@code PercentilePruner} at the 50th percentile, and so is this one: every rule and
 * setting is {@link PercentilePruner}'s. The tests are ported from
 * {@code tests/pruners_tests/test_median.py}.
 *
 * @param nStartupTrials how many trials must complete before any is pruned, &gt;= 0
 * @param nWarmupSteps no trial is pruned before it reports this step, &gt;= 0
 * @param intervalSteps steps between two pruning checks, counted from
 * {@code nWarmupSteps}, &gt;= 1
 * @param nMinTrials how many completed trials must have reported at a step for a trial to
 * be judged there, &gt;= 1
 */
public record MedianPruner(int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) {

    /** The median's percentile. */
    private static final double MEDIAN = 50.0;

    /**
     * Checks the settings as {@link PercentilePruner} does.
     * @throws IllegalArgumentException naming the first setting out of its range
     */
    public MedianPruner {
        // the percentile pruner's constructor holds the checks and their messages
        new PercentilePruner(MEDIAN, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }

    /**
     * The median rule with Optuna's default settings: 5 startup trials, no warm-up, a
     * check at every step, 1 trial at least to compare with.
     */
    public MedianPruner() {
        this(PercentilePruner.DEFAULT_STARTUP_TRIALS, PercentilePruner.DEFAULT_WARMUP_STEPS,
                PercentilePruner.DEFAULT_INTERVAL_STEPS, PercentilePruner.DEFAULT_MIN_TRIALS);
    }

    /**
     * The same rule as a {@link PercentilePruner}.
     * @return the percentile pruner at 50 with these settings
     */
    public PercentilePruner asPercentilePruner() {
        return new PercentilePruner(MEDIAN, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
    }

    /**
     * Whether the trial stops now, having just reported its last step: see
     * {@link PercentilePruner#prune}.
     * @param trial what the trial has reported so far
     * @param completed the objectives of the trials that completed, the trial itself
     * excluded
     * @param direction whether lower or higher objectives are better
     * @return true when the trial should stop
     */
    public boolean prune(TrialObjectives trial, List<TrialObjectives> completed, ObjectiveDirection direction) {
        return asPercentilePruner().prune(trial, completed, direction);
    }

}
