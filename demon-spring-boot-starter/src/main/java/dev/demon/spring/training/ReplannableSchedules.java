package dev.demon.spring.training;

import java.util.Map;

import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;

import org.jspecify.annotations.Nullable;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.schedule.DecayThenStop;
import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;

/**
 * The momentum schedule and learning-rate tracker of one run whose early stopping may
 * decay them before the end ({@link EarlyStoppingMode#DECAY_THEN_STOP}): the optimizer is
 * built once with these two, and {@link #replan} switches both to the
 * {@link DecayThenStop} plan, once, when the stop is decided, or when a resumed run
 * restores a decided stop before its first update. Until then they are the configured
 * ones, value for value. A learning-rate schedule that does not depend on T (fixed,
 * plateau) or keeps its own curve (one-cycle) is handed to the optimizer as it is.
 */
public final class ReplannableSchedules {

    private final MomentumSchedule originalMomentum;

    private final LearningRateTrackerFactory learningRates;

    private final long totalUpdates;

    private final Tracker originalLearningRate;

    private volatile MomentumSchedule momentum;

    private volatile Tracker learningRate;

    private volatile @Nullable DecayThenStop plan;

    /**
     * The schedules of a run of T updates.
     * @param optimizers the run's optimizer factory, with its momentum schedule and
     * learning rates
     * @param totalUpdates T
     */
    public ReplannableSchedules(DemonOptimizerFactory optimizers, long totalUpdates) {
        this.originalMomentum = optimizers.getMomentumSchedule();
        this.learningRates = optimizers.getLearningRates();
        this.totalUpdates = totalUpdates;
        this.originalLearningRate = learningRates.create(totalUpdates);
        this.momentum = originalMomentum;
        this.learningRate = originalLearningRate;
    }

    /**
     * A new optimizer of the run whose β and η come from these schedules.
     * @param optimizers the run's optimizer factory
     * @return the optimizer for T updates
     */
    public ScheduledMomentumOptimizer createOptimizer(DemonOptimizerFactory optimizers) {
        MomentumSchedule view = new MomentumSchedule() {

            @Override
            public float momentum(long update, long total) {
                return momentum.momentum(update, total);
            }

            @Override
            public String name() {
                return originalMomentum.name();
            }

            @Override
            public Map<String, Float> parameters() {
                return originalMomentum.parameters();
            }

        };
        ParameterTracker rate = learningRates.replans() ? (Tracker) update -> learningRate.getNewValue(update)
                : originalLearningRate;
        return new DemonOptimizerFactory(optimizers.getType(), view, learningRates, optimizers.getWeightDecay())
            .create(totalUpdates, rate);
    }

    /**
     * Re-plans both schedules to end at the plan's T'.
     * @param plan the re-plan, decided at its t_s
     */
    public void replan(DecayThenStop plan) {
        this.plan = plan;
        this.momentum = plan.momentum(originalMomentum, totalUpdates);
        if (learningRates.replans()) {
            this.learningRate = learningRates.replanned(totalUpdates, plan);
        }
    }

    /**
     * Returns the re-plan in force.
     * @return the plan, or null while the schedules are the configured ones
     */
    public @Nullable DecayThenStop plan() {
        return plan;
    }

}
