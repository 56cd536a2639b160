package dev.demon.schedule;

import java.util.Map;

import dev.demon.internal.Arguments;

/**
 * Demon: decaying momentum (Chen, Wolfe, Li, Kyrillidis, "Demon: Improved Neural Network
 * Training with Momentum Decay", arXiv:1910.04952, the Demon rule of Algorithms 1 and 2).
 *
 * <p>
 * Demon decays the total contribution of a gradient to all future updates, β/(1 − β),
 * linearly in the fraction of updates remaining: β_t/(1 − β_t) = p·β_init/(1 − β_init).
 * Solved for β_t:
 *
 * <pre>
 *   β(t) = β_init · p / ((1 − β_init) + β_init · p)
 * </pre>
 *
 * <p>
 * With T = totalUpdates and the delayed start t0 = floor(decayStart · T) that the paper
 * reports helps, the fraction p is
 *
 * <pre>
 *   p = 1                            for t &lt; t0
 *   p = 1 − (t − t0) / (T − t0)      otherwise, clamped to [0, 1]
 * </pre>
 *
 * <p>
 * So β(0) = β_init, and β(t) = 0 for every t ≥ T. The value is computed in {@code double}
 * and rounded once to {@code float}.
 */
public final class DemonSchedule implements MomentumSchedule {

    private final float betaInit;

    private final float decayStart;

    /**
     * Demon decaying from the first update.
     * @param betaInit β_init, in [0, 1)
     * @throws IllegalArgumentException when {@code betaInit} is outside [0, 1)
     */
    public DemonSchedule(float betaInit) {
        this(betaInit, 0f);
    }

    /**
     * Demon with a delayed start: β stays at β_init for the first {@code decayStart}
     * fraction of the updates, then decays to 0 at T.
     * @param betaInit β_init, in [0, 1)
     * @param decayStart fraction of T before the decay starts, in [0, 1)
     * @throws IllegalArgumentException when an argument is outside [0, 1)
     */
    public DemonSchedule(float betaInit, float decayStart) {
        this.betaInit = Arguments.inHalfOpenUnitInterval("betaInit", betaInit);
        this.decayStart = Arguments.inHalfOpenUnitInterval(DECAY_START, decayStart);
    }

    /** {@inheritDoc} */
    @Override
    public float momentum(long update, long totalUpdates) {
        return (float) beta(betaInit, remaining(update, totalUpdates));
    }

    /**
     * The fraction p of the decay remaining at an update, in [0, 1].
     * @param update t, 0-based
     * @param totalUpdates T &gt; 0
     * @return 1 before the delayed start, 1 − (t − t0) / (T − t0) after it, clamped
     */
    double remaining(long update, long totalUpdates) {
        Arguments.positive("totalUpdates", totalUpdates);
        Arguments.nonNegative("update", update);
        long decayFrom = (long) Math.floor((double) decayStart * totalUpdates);
        if (update < decayFrom) {
            return 1.0;
        }
        double remaining = 1.0 - (double) (update - decayFrom) / (totalUpdates - decayFrom);
        return Math.min(1.0, Math.max(0.0, remaining));
    }

    /**
     * Demon's β for a remaining fraction: β_init · p / ((1 − β_init) + β_init · p), in
     * {@code double}.
     * @param betaInit β_init
     * @param remaining p, in [0, 1]
     * @return β
     */
    static double beta(float betaInit, double remaining) {
        return betaInit * remaining / ((1.0 - betaInit) + betaInit * remaining);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return "demon";
    }

    /**
     * Returns β_init.
     * @return β_init
     */
    public float getBetaInit() {
        return betaInit;
    }

    /**
     * Returns the fraction of T before the decay starts.
     * @return the decay start, in [0, 1)
     */
    public float getDecayStart() {
        return decayStart;
    }

    /**
     * {@inheritDoc}
     * @return {@code betaInit} and {@code decayStart}
     */
    @Override
    public Map<String, Float> parameters() {
        return Map.of(BETA_INIT, betaInit, DECAY_START, decayStart);
    }

    @Override
    public String toString() {
        return "DemonSchedule[betaInit=" + betaInit + ", decayStart=" + decayStart + "]";
    }

}
