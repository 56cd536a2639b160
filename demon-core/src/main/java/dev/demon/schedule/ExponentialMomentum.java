package dev.demon.schedule;

import java.util.Map;

import dev.demon.internal.Arguments;

/**
 * Exponential momentum decay ("Exp Momentum decay", a momentum baseline of Chen et al.,
 * arXiv:1910.04952, Table 1). This class uses the form of the exponential learning-rate
 * decay η·γ^t applied to β, with the rate expressed over the whole run so that it does
 * not depend on T. With u = min(t / T, 1),
 *
 * <pre>
 *   β(t) = β_init · decay^u
 * </pre>
 *
 * <p>
 * β falls from β_init at t = 0 to β_init·√decay at T/2 and β_init·decay at T, and stays
 * there. The default decay 0.01 ends the run at 1% of β_init.
 */
public final class ExponentialMomentum implements MomentumSchedule {

    /** Default fraction of β_init left at t = T. */
    public static final float DEFAULT_DECAY = 0.01f;

    private final float betaInit;

    private final float decay;

    /**
     * Exponential decay from β_init to β_init · {@value #DEFAULT_DECAY}.
     * @param betaInit β at t = 0, in [0, 1)
     */
    public ExponentialMomentum(float betaInit) {
        this(betaInit, DEFAULT_DECAY);
    }

    /**
     * Exponential decay from β_init to β_init · decay.
     * @param betaInit β at t = 0, in [0, 1)
     * @param decay fraction of β_init left at t = T, in (0, 1)
     */
    public ExponentialMomentum(float betaInit, float decay) {
        this.betaInit = Arguments.inHalfOpenUnitInterval("betaInit", betaInit);
        this.decay = Arguments.inOpenUnitInterval("decay", decay);
    }

    /** {@inheritDoc} */
    @Override
    public float momentum(long update, long totalUpdates) {
        double u = Progress.of(update, totalUpdates);
        return (float) (betaInit * Math.pow(decay, u));
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "exponential";
    }

    /**
     * {@inheritDoc}
     * @return {@code betaInit} and {@code decay}
     */
    @Override
    public Map<String, Float> parameters() {
        return Map.of(BETA_INIT, betaInit, "decay", decay);
    }

    @Override
    public String toString() {
        return "ExponentialMomentum[betaInit=" + betaInit + ", decay=" + decay + "]";
    }

}
