package dev.demon.schedule;

import java.util.Map;

import dev.demon.internal.Arguments;

/**
 * Linear momentum decay, a momentum baseline of Chen et al. (arXiv:1910.04952, Table 1,
 * "Linear Momentum"): with u = min(t / T, 1),
 *
 * <pre>
 *   β(t) = β_init + (β_final − β_init) · u
 * </pre>
 *
 * <p>
 * β_final defaults to 0, so β falls linearly from β_init at t = 0 to 0 at t = T and stays
 * there.
 */
public final class LinearMomentum implements MomentumSchedule {

    private final float betaInit;

    private final float betaFinal;

    /**
     * Linear decay from β_init to 0.
     * @param betaInit β at t = 0, in [0, 1)
     */
    public LinearMomentum(float betaInit) {
        this(betaInit, 0f);
    }

    /**
     * Linear interpolation from β_init to β_final.
     * @param betaInit β at t = 0, in [0, 1)
     * @param betaFinal β at t &gt;= T, in [0, 1)
     */
    public LinearMomentum(float betaInit, float betaFinal) {
        this.betaInit = Arguments.inHalfOpenUnitInterval("betaInit", betaInit);
        this.betaFinal = Arguments.inHalfOpenUnitInterval("betaFinal", betaFinal);
    }

    /** {@inheritDoc} */
    @Override
    public float momentum(long update, long totalUpdates) {
        double u = Progress.of(update, totalUpdates);
        return (float) (betaInit + (betaFinal - (double) betaInit) * u);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "linear";
    }

    /**
     * {@inheritDoc}
     * @return {@code betaInit} and {@code betaFinal}
     */
    @Override
    public Map<String, Float> parameters() {
        return Map.of(BETA_INIT, betaInit, "betaFinal", betaFinal);
    }

    @Override
    public String toString() {
        return "LinearMomentum[betaInit=" + betaInit + ", betaFinal=" + betaFinal + "]";
    }

}
