package dev.demon.spring.optimizer;

import ai.djl.training.tracker.ParameterTracker;

import dev.demon.optim.DemonAdam;
import dev.demon.optim.DemonSgd;
import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.schedule.MomentumSchedule;

/**
 * Builds the configured optimizer ({@code demon.optimizer}) for a run of T updates:
 * {@link DemonSgd} or {@link DemonAdam}, with the application's {@link MomentumSchedule}
 * bean, the learning-rate tracker of {@code demon.learning-rate.*} and
 * {@code demon.weight-decay}.
 *
 * <p>
 * The starter's training jobs use it with T = epochs × batches per epoch; a hand-written
 * DJL training loop can use it too:
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
     * A new optimizer for {@code totalUpdates} updates, with a new learning-rate tracker.
     * @param totalUpdates T &gt; 0
     * @return a new optimizer
     * @throws IllegalArgumentException when T &lt;= 0
     */
    public ScheduledMomentumOptimizer create(long totalUpdates) {
        return create(totalUpdates, learningRates.create(totalUpdates));
    }

    /**
     * A new optimizer for {@code totalUpdates} updates using the given learning-rate
     * tracker, for a caller that keeps the tracker (for instance to feed a plateau
     * tracker the validation loss).
     * @param totalUpdates T &gt; 0
     * @param learningRate the tracker giving η_t
     * @return a new optimizer
     */
    public ScheduledMomentumOptimizer create(long totalUpdates, ParameterTracker learningRate) {
        return switch (type) {
            case SGDM -> DemonSgd.builder()
                .setLearningRateTracker(learningRate)
                .optMomentumSchedule(momentumSchedule)
                .setTotalSteps(totalUpdates)
                .optWeightDecays(weightDecay)
                .build();
            case ADAM -> DemonAdam.builder()
                .optLearningRateTracker(learningRate)
                .optMomentumSchedule(momentumSchedule)
                .setTotalSteps(totalUpdates)
                .optWeightDecays(weightDecay)
                .build();
        };
    }

    /**
     * Builds the learning-rate tracker {@link #create(long)} would use.
     * @param totalUpdates T &gt; 0
     * @return a new tracker
     */
    public ParameterTracker createLearningRateTracker(long totalUpdates) {
        return learningRates.create(totalUpdates);
    }

    /**
     * Returns the optimizer this factory builds.
     * @return sgdm or adam
     */
    public OptimizerType getType() {
        return type;
    }

    /**
     * Returns the momentum schedule every optimizer gets.
     * @return the schedule
     */
    public MomentumSchedule getMomentumSchedule() {
        return momentumSchedule;
    }

    /**
     * Returns the factory of the learning-rate trackers every optimizer gets.
     * @return the learning-rate factory
     */
    public LearningRateTrackerFactory getLearningRates() {
        return learningRates;
    }

    /**
     * Returns the coupled L2 weight decay every optimizer gets.
     * @return the weight decay, &gt;= 0
     */
    public float getWeightDecay() {
        return weightDecay;
    }

}
