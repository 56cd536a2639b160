package dev.demon.spring.testing;

/**
 * A fault injected into {@link SyntheticDataset} or {@link RegressionDataset}: reading
 * record {@code record} for the {@code onRead}-th time fails, yields NaN features or
 * never returns. Training reads every record once per epoch and the starter's input-shape
 * probe reads only the first batch, so the last record read for the n-th time is a fault
 * in epoch n.
 *
 * @param kind what goes wrong
 * @param record the index of the record
 * @param onRead which read of that record goes wrong, 1-based
 */
public record DataFault(Kind kind, long record, int onRead) {

    /**
     * What a {@link Kind#PAUSE} prints when it stops reading, before the record's index.
     */
    public static final String PAUSED = "DataFault: paused before reading record ";

    /** No fault. */
    public static final DataFault NONE = new DataFault(Kind.NONE, -1, 0);

    /** What goes wrong. */
    public enum Kind {

        /** Nothing. */
        NONE,
        /** Reading the record throws an IOException, as a corrupt data file would. */
        ERROR,
        /** The features of the record are NaN, which makes the loss NaN. */
        NAN,
        /**
         * Reading the record prints {@link DataFault#PAUSED} and the record's index and
         * waits until the process ends: training stands still at a known point for a test
         * to kill it there.
         */
        PAUSE

    }

    /**
     * The last training record of {@link SyntheticPipeline} fails in epoch {@code epoch}.
     * @param kind what goes wrong
     * @param epoch 1-based epoch
     * @return the fault
     */
    public static DataFault inEpoch(Kind kind, int epoch) {
        return new DataFault(kind, SyntheticPipeline.TRAINING_SAMPLES - 1, epoch);
    }

    /**
     * The last training row of {@link RegressionPipeline} fails in epoch {@code epoch}.
     * @param kind what goes wrong
     * @param epoch 1-based epoch
     * @return the fault
     */
    public static DataFault inRegressionEpoch(Kind kind, int epoch) {
        return new DataFault(kind, RegressionPipeline.TRAINING_SAMPLES - 1, epoch);
    }
}
