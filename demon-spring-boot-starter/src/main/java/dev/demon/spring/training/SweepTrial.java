package dev.demon.spring.training;

/**
 * Which trial of which sweep a training is, for its meters' tags {@code sweep} and
 * {@code trial}.
 *
 * @param sweep the sweep's name, also its job's name
 * @param trial the trial's key, e.g. {@code trial-0001}
 */
public record SweepTrial(String sweep, String trial) {
}
