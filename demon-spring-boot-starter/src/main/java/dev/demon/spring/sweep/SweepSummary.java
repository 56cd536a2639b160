package dev.demon.spring.sweep;

import dev.demon.spring.training.ModelMonitor;

/**
 * What a sweep's results name it by: the sweep, the pipeline its trials train, how they
 * were chosen, what they are compared on, and the step whose partitions they are.
 *
 * @param sweep the sweep's name, also its job's
 * @param pipeline the pipeline every trial trains
 * @param search how the trials' parameters were chosen: {@code grid} or {@code random}
 * @param objective the figure the trials are compared on; each trial's best epoch and the
 * best trial are by it
 * @param trialStepName the worker step that trains one trial, {@code <sweep>-trial}: each
 * trial's partition is the step execution {@code <trialStepName>:trial-NNNN}
 */
public record SweepSummary(String sweep, String pipeline, String search, ModelMonitor objective, String trialStepName) {
}
