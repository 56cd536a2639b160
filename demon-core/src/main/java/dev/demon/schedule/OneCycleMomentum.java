package dev.demon.schedule;

import java.util.Map;

import dev.demon.internal.Arguments;

/**
 * One-cycle momentum (Smith, "A disciplined approach to neural network hyper-parameters:
 * Part 1", arXiv:1803.09820; Smith &amp; Topin, "Super-Convergence", arXiv:1708.07120),
 * the "OneCycle Momentum" baseline of Chen et al. (arXiv:1910.04952, Table 1). Momentum
 * moves against the learning rate of the one cycle: down from β_max to β_min while the
 * learning rate warms up, then back up to β_max while it anneals. Both halves use cosine
 * annealing, as PyTorch's {@code
 * OneCycleLR} (default {@code anneal_strategy="cos"}) and fastai's {@code fit_one_cycle}
 * do.
 *
 * <p>
 * With u = min(t / T, 1), the warm-up fraction a = pctStart and cos_anneal(from, to, x) =
 * to + (from − to) · (1 + cos(π·x)) / 2:
 *
 * <pre>
 *   β(t) = cos_anneal(β_max, β_min, u / a)              for u &lt; a
 *   β(t) = cos_anneal(β_min, β_max, (u − a) / (1 − a))   otherwise
 * </pre>
 *
 * <p>
 * So β(0) = β_max, β(a·T) = β_min and β(t) = β_max for t &gt;= T. Defaults: β_max = 0.95,
 * β_min = 0.85 (Smith's recommendation, PyTorch's and fastai's defaults), pctStart = 0.3
 * (PyTorch's {@code pct_start}); the same pctStart as
 * {@link dev.demon.tracker.OneCycleTracker} keeps the two curves in phase.
 */
public final class OneCycleMomentum implements MomentumSchedule {

    /** Default β at the start and end of the cycle. */
    public static final float DEFAULT_MAX_MOMENTUM = 0.95f;

    /** Default gap between β_max and β_min. */
    public static final float DEFAULT_MOMENTUM_RANGE = 0.10f;

    /** Default fraction of the updates spent going down from β_max to β_min. */
    public static final float DEFAULT_PCT_START = 0.3f;

    private final float maxMomentum;

    private final float minMomentum;

    private final float pctStart;

    /**
     * The one cycle with Smith's defaults: 0.95 → 0.85 → 0.95, turning at 30% of the
     * updates.
     */
    public OneCycleMomentum() {
        this(DEFAULT_MAX_MOMENTUM);
    }

    /**
     * The one cycle from β_init down to max(0, β_init − 0.10) and back up, turning at 30%
     * of the updates (β_init = 0.95 gives Smith's 0.95/0.85).
     * @param betaInit β_max, the value at t = 0 and t = T, in [0, 1)
     */
    public OneCycleMomentum(float betaInit) {
        this(betaInit, Math.max(0f, betaInit - DEFAULT_MOMENTUM_RANGE), DEFAULT_PCT_START);
    }

    /**
     * The one cycle between two momentum values.
     * @param betaInit β_max, the value at t = 0 and t = T, in [0, 1)
     * @param minMomentum β_min, the value at t = pctStart · T, in [0, betaInit]
     * @param pctStart fraction of T spent going down, in (0, 1)
     */
    public OneCycleMomentum(float betaInit, float minMomentum, float pctStart) {
        this.maxMomentum = Arguments.inHalfOpenUnitInterval("betaInit", betaInit);
        this.minMomentum = Arguments.inHalfOpenUnitInterval("minMomentum", minMomentum);
        if (minMomentum > betaInit) {
            throw new IllegalArgumentException(
                    "minMomentum must be in [0, betaInit=" + betaInit + "], got " + minMomentum);
        }
        this.pctStart = Arguments.inOpenUnitInterval("pctStart", pctStart);
    }

    /** {@inheritDoc} */
    @Override
    public float momentum(long update, long totalUpdates) {
        double u = Progress.of(update, totalUpdates);
        if (u < pctStart) {
            return (float) cosineAnneal(maxMomentum, minMomentum, u / pctStart);
        }
        return (float) cosineAnneal(minMomentum, maxMomentum, (u - pctStart) / (1 - pctStart));
    }

    private static double cosineAnneal(double from, double to, double fraction) {
        return to + (from - to) * (1 + Math.cos(Math.PI * fraction)) / 2;
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "one-cycle";
    }

    /**
     * {@inheritDoc}
     * @return {@code betaInit} (the highest β, at the first update), {@code minMomentum}
     * and {@code pctStart}
     */
    @Override
    public Map<String, Float> parameters() {
        return Map.of(BETA_INIT, maxMomentum, "minMomentum", minMomentum, "pctStart", pctStart);
    }

    @Override
    public String toString() {
        return "OneCycleMomentum[max=" + maxMomentum + ", min=" + minMomentum + ", pctStart=" + pctStart + "]";
    }

}
