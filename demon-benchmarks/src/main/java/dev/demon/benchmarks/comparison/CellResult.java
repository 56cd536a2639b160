package dev.demon.benchmarks.comparison;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What one cell's training achieved: the test error after its last epoch (the
 * comparison's measure, as in the paper's tables), the final losses and the wall time.
 *
 * @param testError 1 − top-1 accuracy on the test images, after the last epoch
 * @param testLoss the test loss after the last epoch
 * @param trainLoss the mean training loss over the last epoch
 * @param seconds wall time of the training and evaluation
 * @param diverged whether the loss became NaN or infinite (training stopped there; the
 * error is what the model scores then)
 */
public record CellResult(double testError, double testLoss, double trainLoss, double seconds, boolean diverged) {

    private static final String PREFIX = "result.";

    /**
     * Writes the result into the partition's execution context, where the report finds
     * it.
     * @param context the context
     */
    public void writeTo(ExecutionContext context) {
        context.putDouble(PREFIX + "test-error", testError);
        context.putDouble(PREFIX + "test-loss", testLoss);
        context.putDouble(PREFIX + "train-loss", trainLoss);
        context.putDouble(PREFIX + "seconds", seconds);
        context.putString(PREFIX + "diverged", Boolean.toString(diverged));
    }

    /**
     * Reads a result back.
     * @param context a finished partition's context
     * @return the result, or null when the partition has none
     */
    public static CellResult readFrom(ExecutionContext context) {
        if (!context.containsKey(PREFIX + "test-error")) {
            return null;
        }
        return new CellResult(context.getDouble(PREFIX + "test-error"), context.getDouble(PREFIX + "test-loss"),
                context.getDouble(PREFIX + "train-loss"), context.getDouble(PREFIX + "seconds"),
                Boolean.parseBoolean(context.getString(PREFIX + "diverged")));
    }
}
