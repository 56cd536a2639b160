package dev.demon.schedule;

import java.util.Map;

import dev.demon.internal.Arguments;

/**
 * Plain momentum: β(t) = β for every update (Polyak 1964; the "SGDM" and Adam β1 baseline
 * of Chen et al., arXiv:1910.04952). With this schedule {@code DemonSgd} computes exactly
 * what DJL's {@code Sgd} with {@code optMomentum(β)} computes.
 */
public final class ConstantMomentum implements MomentumSchedule {

    private final float beta;

    /**
     * Constant momentum.
     * @param beta β, in [0, 1)
     * @throws IllegalArgumentException when {@code beta} is outside [0, 1)
     */
    public ConstantMomentum(float beta) {
        this.beta = Arguments.inHalfOpenUnitInterval("beta", beta);
    }

    /** {@inheritDoc} */
    @Override
    public float momentum(long update, long totalUpdates) {
        Arguments.positive("totalUpdates", totalUpdates);
        return beta;
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "constant";
    }

    /**
     * Returns β.
     * @return β
     */
    public float getBeta() {
        return beta;
    }

    /**
     * {@inheritDoc}
     * @return {@code betaInit}: β at every update, the first included
     */
    @Override
    public Map<String, Float> parameters() {
        return Map.of(BETA_INIT, beta);
    }

    @Override
    public String toString() {
        return "ConstantMomentum[beta=" + beta + "]";
    }

}
