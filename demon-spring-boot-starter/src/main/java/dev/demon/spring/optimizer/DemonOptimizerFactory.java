package dev.demon.spring.optimizer;

import ai.djl.training.tracker.ParameterTracker;

import dev.demon.optim.DemonAdam;
import dev.demon.optim.DemonSgd;
import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.autoconfigure.OptimizerType;

/**
 * Builds the configured optimizer ({@code demon.optimizer}) for a run of T updates: {@link DemonSgd}
 * or {@link DemonAdam}, with the application's {@link MomentumSchedule} bean, the learning-rate
 * tracker of {@code demon.learning-rate.*} and {@code demon.weight-decay}.
 *
 * <p>The starter's training jobs use it with T = epochs × batches per epoch; a hand-written DJL
 * training loop can use it too:
 *
 * <pre>{@code
 * Optimizer optimizer = optimizerFactory.create(epochs * batchesPerEpoch);
 * TrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer);
 * }</pre>
 */
public class DemonOptimizerFactory {

    private final OptimizerType type;
    private final MomentumSchedule momentumSchedule;
    private final LearningRateTrackerFactory learningRates;
    private final float weightDecay;

    /**
     * Creates the factory.
     *
     * @param type which optimizer
     * @param momentumSchedule the β_t schedule every optimizer gets
     * @param learningRates builds η_t for a given T
     * @param weightDecay coupled L2 weight decay, &gt;= 0
     */
    public DemonOptimizerFactory(OptimizerType type, MomentumSchedule momentumSchedule,
            LearningRateTrackerFactory learningRates, float weightDecay) {
        this.type = type;
        this.momentumSchedule = momentumSchedule;
        this.learningRates = learningRates;
        this.weightDecay = weightDecay;
    }

    /**
     * A new optimizer for {@code totalSteps} updates, with a new learning-rate tracker.
     *
     * @param totalSteps T &gt; 0
     * @return a new optimizer
     * @throws IllegalArgumentException when T &lt;= 0
     */
    public ScheduledMomentumOptimizer create(long totalSteps) {
        return create(totalSteps, learningRates.create(totalSteps));
    }

    /**
     * A new optimizer for {@code totalSteps} updates using the given learning-rate tracker, for a
     * caller that keeps the tracker (for instance to feed a plateau tracker the validation loss).
     *
     * @param totalSteps T &gt; 0
     * @param learningRate the tracker giving η_t
     * @return a new optimizer
     */
    public ScheduledMomentumOptimizer create(long totalSteps, ParameterTracker learningRate) {
        return switch (type) {
            case SGDM -> DemonSgd.builder().setLearningRateTracker(learningRate).optMomentumSchedule(momentumSchedule)
                    .setTotalSteps(totalSteps).optWeightDecays(weightDecay).build();
            case ADAM -> DemonAdam.builder().optLearningRateTracker(learningRate).optMomentumSchedule(momentumSchedule)
                    .setTotalSteps(totalSteps).optWeightDecays(weightDecay).build();
        };
    }

    /**
     * Builds the learning-rate tracker {@link #create(long)} would use.
     *
     * @param totalSteps T &gt; 0
     * @return a new tracker
     */
    public ParameterTracker createLearningRateTracker(long totalSteps) {
        return learningRates.create(totalSteps);
    }

    /**
     * Returns the optimizer this factory builds.
     *
     * @return sgdm or adam
     */
    public OptimizerType getType() {
        return type;
    }

    /**
     * Returns the momentum schedule every optimizer gets.
     *
     * @return the schedule
     */
    public MomentumSchedule getMomentumSchedule() {
        return momentumSchedule;
    }
}
