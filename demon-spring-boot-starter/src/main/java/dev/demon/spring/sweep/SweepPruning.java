package dev.demon.spring.sweep;

/**
 * Whether a sweep stops unpromising trials early ({@code demon.sweeps.<name>.pruning}).
 */
public enum SweepPruning {

    /** Every trial trains all its epochs. */
    NONE,

    /**
     * The median rule ({@link MedianPruner}): after the warm-up, a trial whose best
     * objective is worse than the median of the completed trials at the same epoch stops.
     */
    MEDIAN

}
