package dev.demon.benchmarks.comparison;

import java.util.Locale;

import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.MomentumScheduleType;

/**
 * A training method of the paper's comparison (Chen, Wolfe, Li, Kyrillidis,
 * arXiv:1910.04952, Section 4 and its baselines): Demon, plain momentum, one of the
 * learning-rate schedules run with constant momentum β_init, or one of the momentum
 * schedules run with a fixed learning rate. Each is a combination the starter's
 * properties can express ({@code demon.momentum.schedule},
 * {@code demon.learning-rate.schedule}).
 */
public enum Method {

    /** Demon momentum decay, fixed learning rate. */
    DEMON(MomentumScheduleType.DEMON, LearningRateScheduleType.FIXED),

    /** Constant momentum β_init, fixed learning rate: plain SGDM or Adam. */
    CONSTANT(MomentumScheduleType.CONSTANT, LearningRateScheduleType.FIXED),

    /** Learning rate ×0.1 at 50% and 75% of T. */
    LR_STEP(MomentumScheduleType.CONSTANT, LearningRateScheduleType.STEP),

    /** Learning rate by a half cosine to 0. */
    LR_COSINE(MomentumScheduleType.CONSTANT, LearningRateScheduleType.COSINE),

    /** Learning rate linearly to 0. */
    LR_LINEAR(MomentumScheduleType.CONSTANT, LearningRateScheduleType.LINEAR),

    /** Learning rate exponentially to 1%. */
    LR_EXPONENTIAL(MomentumScheduleType.CONSTANT, LearningRateScheduleType.EXPONENTIAL),

    /** Learning rate one cycle (Smith &amp; Topin). */
    LR_ONE_CYCLE(MomentumScheduleType.CONSTANT, LearningRateScheduleType.ONE_CYCLE),

    /** Learning rate ×0.1 when the validation loss stops improving. */
    LR_PLATEAU(MomentumScheduleType.CONSTANT, LearningRateScheduleType.PLATEAU),

    /** Momentum linearly to 0. */
    MOMENTUM_LINEAR(MomentumScheduleType.LINEAR, LearningRateScheduleType.FIXED),

    /** Momentum by a cosine to 0. */
    MOMENTUM_COSINE(MomentumScheduleType.COSINE, LearningRateScheduleType.FIXED),

    /** Momentum exponentially decayed. */
    MOMENTUM_EXPONENTIAL(MomentumScheduleType.EXPONENTIAL, LearningRateScheduleType.FIXED),

    /** Momentum one cycle. */
    MOMENTUM_ONE_CYCLE(MomentumScheduleType.ONE_CYCLE, LearningRateScheduleType.FIXED);

    private final MomentumScheduleType momentum;

    private final LearningRateScheduleType learningRate;

    Method(MomentumScheduleType momentum, LearningRateScheduleType learningRate) {
        this.momentum = momentum;
        this.learningRate = learningRate;
    }

    /**
     * @return the momentum schedule
     */
    public MomentumScheduleType momentum() {
        return momentum;
    }

    /**
     * @return the learning-rate schedule
     */
    public LearningRateScheduleType learningRate() {
        return learningRate;
    }

    /**
     * The name in reports and properties: {@code demon}, {@code constant},
     * {@code lr-step}, {@code momentum-cosine}, ...
     * @return the lowercase, dashed name
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

}
