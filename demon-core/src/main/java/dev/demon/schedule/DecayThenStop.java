package dev.demon.schedule;

import java.util.Map;

import dev.demon.internal.Arguments;

/**
 * A schedule re-planned to end early: training that was planned for T updates is to stop
 * at T' &lt; T, decided at update t_s (the first update of the re-planned part), and the
 * momentum and learning rate are to reach their end at T' rather than at T.
 *
 * <p>
 * Demon (Chen, Wolfe, Li, Kyrillidis, arXiv:1910.04952, Algorithms 1 and 2) decays the
 * total contribution of a gradient to all future updates, β/(1 − β), linearly in the
 * fraction of updates remaining: β_t/(1 − β_t) = p_t·β_init/(1 − β_init), with p_t = 1 −
 * t/T. A run stopped at t_s &lt; T never lets β decay to 0, the part of the schedule the
 * paper credits. Re-planned, the fraction remaining at t_s, p(t_s), is spent linearly
 * over the updates left until T':
 *
 * <pre>
 *   f(t) = (T' − t) / (T' − t_s)        clamped to [0, 1]
 *   r(t) = p(t_s) · f(t)                 for t ≥ t_s
 *   β_t  = β_init · r / ((1 − β_init) + β_init · r)
 * </pre>
 *
 * <p>
 * With Demon's p(t_s) = 1 − t_s/T this is r(t) = (1 − t_s/T)·(T' − t)/(T' − t_s). It is
 * continuous at t_s: f(t_s) = 1, so r(t_s) = p(t_s) and β at t_s is the original
 * schedule's β, the same {@code double} expression rounded once, hence the same
 * {@code float}; it is 0 at T' and falls monotonically in between. With T' = T it is the
 * original schedule.
 *
 * <p>
 * A schedule that is not {@link DemonSchedule} gets the same rule on its contribution
 * β/(1 − β): k_t = k(t_s)·f(t) with k(t_s) = β_{t_s}/(1 − β_{t_s}) from the original
 * schedule, β_t = k_t/(1 + k_t); again β at t_s is the original's (to float rounding,
 * which leaves the value unchanged) and 0 at T'.
 *
 * <p>
 * A learning-rate schedule that depends on T through the fraction done u = n/T (DJL's
 * trackers number updates n = 1..T) is re-planned with the same remaining fraction
 * ({@link #progress}): u'(n) = 1 − (1 − t_s/T)·f(n) for n ≥ t_s, which is t_s/T at n =
 * t_s (the last update of the original plan) and 1 at T'.
 */
public final class DecayThenStop {

    private final long stopUpdate;

    private final long endUpdate;

    /**
     * A re-plan from update t_s to T'.
     * @param stopUpdate t_s, the first update of the re-planned part, &gt;= 0
     * @param endUpdate T', the number of updates after which training ends, &gt; t_s
     * @throws IllegalArgumentException when t_s &lt; 0 or T' &lt;= t_s
     */
    public DecayThenStop(long stopUpdate, long endUpdate) {
        this.stopUpdate = Arguments.nonNegative("stopUpdate", stopUpdate);
        if (endUpdate <= stopUpdate) {
            throw new IllegalArgumentException("endUpdate must be > stopUpdate = " + stopUpdate + ", got " + endUpdate);
        }
        this.endUpdate = endUpdate;
    }

    /**
     * Returns t_s.
     * @return the first update of the re-planned part
     */
    public long stopUpdate() {
        return stopUpdate;
    }

    /**
     * Returns T'.
     * @return the updates after which training ends
     */
    public long endUpdate() {
        return endUpdate;
    }

    /**
     * f(t) = (T' − t) / (T' − t_s), clamped to [0, 1]: 1 up to t_s, 0 from T' on.
     * @param update t
     * @return the fraction of the decay left
     */
    public double decayLeft(long update) {
        double left = (double) (endUpdate - update) / (endUpdate - stopUpdate);
        return Math.min(1.0, Math.max(0.0, left));
    }

    /**
     * The fraction done u'(n) of a learning-rate schedule that the original plan gives as
     * u = n/T: n/T up to t_s, then 1 − (1 − t_s/T)·f(n), 1 from T' on.
     * @param update n, as DJL's trackers number updates (from 1)
     * @param totalUpdates T of the original plan, &gt;= T'
     * @return u', in [0, 1]
     */
    public double progress(long update, long totalUpdates) {
        Arguments.positive("totalUpdates", totalUpdates);
        if (update <= stopUpdate) {
            return Math.min(1.0, (double) update / totalUpdates);
        }
        return 1.0 - (1.0 - (double) stopUpdate / totalUpdates) * decayLeft(update);
    }

    /**
     * The re-planned momentum schedule: {@code original} before t_s, then decaying to 0
     * at T' as the class describes.
     * @param original the schedule the run started with
     * @param totalUpdates T the optimizer gives the schedule
     * @return the schedule, with the original's name and parameters
     */
    public MomentumSchedule momentum(MomentumSchedule original, long totalUpdates) {
        return new Replanned(original, totalUpdates, this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DecayThenStop that && stopUpdate == that.stopUpdate && endUpdate == that.endUpdate;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(stopUpdate) * 31 + Long.hashCode(endUpdate);
    }

    @Override
    public String toString() {
        return "DecayThenStop[stopUpdate=" + stopUpdate + ", endUpdate=" + endUpdate + "]";
    }

    /** The original schedule up to t_s, re-planned from it. */
    private static final class Replanned implements MomentumSchedule {

        private final MomentumSchedule original;

        private final DecayThenStop plan;

        /** Demon's p(t_s), or NaN for another schedule. */
        private final double remainingAtStop;

        /** Another schedule's β/(1 − β) at t_s; unused for Demon. */
        private final double contributionAtStop;

        Replanned(MomentumSchedule original, long totalUpdates, DecayThenStop plan) {
            this.original = original;
            this.plan = plan;
            if (original instanceof DemonSchedule demon) {
                remainingAtStop = demon.remaining(plan.stopUpdate, totalUpdates);
                contributionAtStop = Double.NaN;
            }
            else {
                double beta = original.momentum(plan.stopUpdate, totalUpdates);
                remainingAtStop = Double.NaN;
                contributionAtStop = beta / (1.0 - beta);
            }
        }

        @Override
        public float momentum(long update, long totalUpdates) {
            if (update < plan.stopUpdate) {
                return original.momentum(update, totalUpdates);
            }
            double left = plan.decayLeft(update);
            if (original instanceof DemonSchedule demon) {
                return (float) DemonSchedule.beta(demon.getBetaInit(), remainingAtStop * left);
            }
            double contribution = contributionAtStop * left;
            return (float) (contribution / (1.0 + contribution));
        }

        @Override
        public String name() {
            return original.name();
        }

        @Override
        public Map<String, Float> parameters() {
            return original.parameters();
        }

        @Override
        public String toString() {
            return original + " re-planned by " + plan;
        }

    }

}
