package dev.demon.spring.checkpoint;

/**
 * How far a checkpoint taken inside an epoch had got: the batches of the running epoch
 * already trained (their updates are in the checkpoint's parameters and optimizer state)
 * and that epoch's running training accumulators, in the arithmetic DJL's {@code Loss}
 * and {@code Accuracy} evaluators use, so that the resumed epoch reports what the
 * uninterrupted one would have.
 *
 * @param epoch the running epoch, 1-based
 * @param batches training batches of that epoch already trained, &gt;= 1
 * @param samples training records in those batches
 * @param trainingNanos time spent on those batches
 * @param lossSum the float sum of their per-batch losses
 * @param correct correctly classified records among them, 0 without an accuracy evaluator
 * @param instances records the accuracy evaluator counted, 0 without one
 */
public record EpochProgress(int epoch, long batches, long samples, long trainingNanos, float lossSum, long correct,
        long instances) {
}
