/**
 * Sweeps: many trials of one pipeline, each a partition of a Spring Batch step, their
 * search space, the pruning rule and the results.
 */
@NullMarked
package dev.demon.spring.sweep;

import org.jspecify.annotations.NullMarked;
