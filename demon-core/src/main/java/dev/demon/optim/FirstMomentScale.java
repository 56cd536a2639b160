package dev.demon.optim;

import dev.demon.schedule.MomentumSchedule;

import java.util.Arrays;

/**
 * The factor c_t with which {@link DemonAdam} keeps the paper's first moment m_t scaled,
 * so that MXNet's fused {@code adam_update} can compute m ← β·m + g.
 *
 * <p>
 * {@code adam_update} computes m̃ ← b1·m̃ + (1 − b1)·g. Holding m̃_t = c_t·m_t and
 * choosing b1 = β_t / (c_t + β_t) gives m̃_{t+1} = c_{t+1}·(β_t·m_t + g) with c_{t+1} = 1
 * − b1, which is Algorithm 2's first moment times c_{t+1} (c_0 = 1, since m_0 = 0 any
 * start works). c stays in [1 − β_max, 1], so nothing underflows.
 *
 * <p>
 * c_t depends only on β_0 … β_{t−1}, that is on t and T, so it is recomputed rather than
 * saved: replaying the recursion gives the same floats bit for bit. The last value is
 * cached (within one {@code trainer.step()} every parameter asks for the same t, the next
 * one for t + 1), and so is every {@value #STRIDE}th, so that parameters at different t
 * cost at most {@value #STRIDE} recursion steps each.
 */
final class FirstMomentScale {

    static final int STRIDE = 1024;

    private final MomentumSchedule schedule;

    private final long totalUpdates;

    private long cachedUpdate;

    private float cachedScale = 1f;

    /** c at t = i·STRIDE; index 0 is c_0 = 1. */
    private float[] milestones = { 1f };

    FirstMomentScale(MomentumSchedule schedule, long totalUpdates) {
        this.schedule = schedule;
        this.totalUpdates = totalUpdates;
    }

    /**
     * Returns b1 = β_t / (c_t + β_t), the {@code beta1} to pass to {@code adam_update} at
     * update t. Then 1 − b1 (in float, as the operator computes it) is c_{t+1}.
     * @param momentum β_t
     * @param scale c_t
     * @return b1 in [0, 1)
     */
    static float beta1(float momentum, float scale) {
        return (float) ((double) momentum / ((double) scale + momentum));
    }

    /**
     * Returns c_t, the scale of the stored first moment before update t.
     * @param update t
     * @return c_t in (0, 1]
     */
    synchronized float before(long update) {
        if (update < cachedUpdate || update - cachedUpdate > STRIDE) {
            int milestone = (int) Math.min(update / STRIDE, milestones.length - 1L);
            cachedUpdate = (long) milestone * STRIDE;
            cachedScale = milestones[milestone];
        }
        while (cachedUpdate < update) {
            cachedScale = 1f - beta1(schedule.momentum(cachedUpdate, totalUpdates), cachedScale);
            cachedUpdate++;
            if (cachedUpdate % STRIDE == 0 && cachedUpdate / STRIDE == milestones.length) {
                milestones = Arrays.copyOf(milestones, milestones.length + 1);
                milestones[milestones.length - 1] = cachedScale;
            }
        }
        return cachedScale;
    }

}
