package dev.demon.spring.sweep;

/**
 * How a sweep chooses its trials from its parameters
 * ({@code demon.sweeps.<name>.search}).
 */
public enum SweepSearch {

    /** Every combination of the listed values, the first parameter varying slowest. */
    GRID,

    /**
     * {@code trials} draws from the values and distributions, repeatable with the
     * sampling seed.
     */
    RANDOM

}
