package dev.demon.spring.optimizer;

import dev.demon.schedule.ConstantMomentum;
import dev.demon.schedule.CosineMomentum;
import dev.demon.schedule.DemonSchedule;
import dev.demon.schedule.ExponentialMomentum;
import dev.demon.schedule.LinearMomentum;
import dev.demon.schedule.MomentumSchedule;
import dev.demon.schedule.OneCycleMomentum;

/**
 * The momentum schedules {@code demon.momentum.schedule} selects: Demon and the baselines
 * of the paper (Chen et al., arXiv:1910.04952, Section 4), all from
 * {@code dev.demon.schedule}.
 */
public enum MomentumScheduleType {

    /** {@link dev.demon.schedule.DemonSchedule}(beta-init, decay-start). */
    DEMON,

    /** {@link dev.demon.schedule.ConstantMomentum}(beta-init). */
    CONSTANT,

    /** {@link dev.demon.schedule.LinearMomentum}(beta-init): linear decay to 0 at T. */
    LINEAR,

    /** {@link dev.demon.schedule.CosineMomentum}(beta-init): cosine decay to 0 at T. */
    COSINE,

    /**
     * {@link dev.demon.schedule.ExponentialMomentum}(beta-init): exponential decay over
     * T.
     */
    EXPONENTIAL,

    /**
     * {@link dev.demon.schedule.OneCycleMomentum}(beta-init): beta-init down by 0.1 and
     * back.
     */
    ONE_CYCLE;

    /**
     * Builds the schedule.
     * @param betaInit β at the first update, in [0, 1)
     * @param decayStart fraction of T before Demon starts decaying, in [0, 1); only Demon
     * uses it
     * @return a new schedule
     */
    public MomentumSchedule create(float betaInit, float decayStart) {
        return switch (this) {
            case DEMON -> new DemonSchedule(betaInit, decayStart);
            case CONSTANT -> new ConstantMomentum(betaInit);
            case LINEAR -> new LinearMomentum(betaInit);
            case COSINE -> new CosineMomentum(betaInit);
            case EXPONENTIAL -> new ExponentialMomentum(betaInit);
            case ONE_CYCLE -> new OneCycleMomentum(betaInit);
        };
    }

    /**
     * The value as written in properties, e.g. {@code one-cycle}.
     * @return the lowercase, dashed name
     */
    public String propertyValue() {
        return PropertyValues.of(this);
    }

}
