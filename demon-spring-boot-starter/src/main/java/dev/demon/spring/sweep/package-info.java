/**
 * Sweeps: many trials of one pipeline, each a partition of a Spring Batch step, their
 * search space, the pruning rule and the results.
 *
 * <p>
 * The pruning rule is plain Java, free of Spring:
 * {@link dev.demon.spring.sweep.MedianPruner} and
 * {@link dev.demon.spring.sweep.PercentilePruner} decide, from the objectives a trial has
 * reported by epoch ({@link dev.demon.spring.sweep.TrialObjectives}) and those of the
 * completed trials, whether the trial stops: Optuna's rules, step by step.
 */
@NullMarked
package dev.demon.spring.sweep;

import org.jspecify.annotations.NullMarked;
