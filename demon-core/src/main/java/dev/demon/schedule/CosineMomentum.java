package dev.demon.schedule;

import java.util.Map;

import dev.demon.internal.Arguments;

/**
 * Cosine momentum decay, a momentum baseline of Chen et al. (arXiv:1910.04952, Table 1):
 * the cosine annealing curve of Loshchilov &amp; Hutter (SGDR, arXiv:1608.03983, eq. 5,
 * without restarts) applied to β. With u = min(t / T, 1),
 *
 * <pre>
 *   β(t) = β_final + (β_init − β_final) · (1 + cos(π · u)) / 2
 * </pre>
 *
 * <p>
 * β_final defaults to 0: β falls from β_init at t = 0 to β_init/2 at T/2 and 0 at T, and
 * stays 0.
 */
public final class CosineMomentum implements MomentumSchedule {

    private final float betaInit;

    private final float betaFinal;

    /**
     * Cosine decay from β_init to 0.
     * @param betaInit β at t = 0, in [0, 1)
     */
    public CosineMomentum(float betaInit) {
        this(betaInit, 0f);
    }

    /**
     * Cosine decay from β_init to β_final.
     * @param betaInit β at t = 0, in [0, 1)
     * @param betaFinal β at t &gt;= T, in [0, 1)
     */
    public CosineMomentum(float betaInit, float betaFinal) {
        this.betaInit = Arguments.inHalfOpenUnitInterval("betaInit", betaInit);
        this.betaFinal = Arguments.inHalfOpenUnitInterval("betaFinal", betaFinal);
    }

    /** {@inheritDoc} */
    @Override
    public float momentum(long update, long totalUpdates) {
        double u = Progress.of(update, totalUpdates);
        return (float) (betaFinal + (betaInit - (double) betaFinal) * (1 + Math.cos(Math.PI * u)) / 2);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "cosine";
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
        return "CosineMomentum[betaInit=" + betaInit + ", betaFinal=" + betaFinal + "]";
    }

}
