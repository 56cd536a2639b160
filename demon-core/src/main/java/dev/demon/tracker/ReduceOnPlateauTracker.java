package dev.demon.tracker;

import ai.djl.training.tracker.Tracker;

import dev.demon.internal.Arguments;

/**
 * Learning-rate decay on plateau, the "LR Decay on Plateau" baseline of Chen et al.
 * (arXiv:1910.04952), with the semantics of PyTorch's {@code ReduceLROnPlateau} (mode
 * "min", threshold mode "rel") and Keras' {@code ReduceLROnPlateau}.
 *
 * <p>
 * The training loop calls {@link #onValidationLoss(float)} once per epoch. With best the
 * lowest loss so far (initially +∞):
 *
 * <ul>
 * <li>a loss L improves when L &lt; best · (1 − threshold); then best = L and the count
 * of bad epochs is reset, otherwise it grows by one (a NaN loss never improves);
 * <li>during cooldown (the {@code cooldown} epochs after a reduction) bad epochs are not
 * counted;
 * <li>when the count exceeds {@code patience}: η ← max(η · factor, minValue) (skipped
 * when that changes η by less than 1e-8, as PyTorch does), the count is reset and
 * cooldown starts.
 * </ul>
 *
 * <p>
 * {@link #getNewValue(int)} returns the current η whatever the update number. The value
 * is a pure function of the sequence of losses fed in, so replaying the recorded
 * validation losses of a run on a fresh tracker rebuilds its state exactly (this is how a
 * resumed job restores it). Defaults: factor 0.1, patience 10, threshold 1e-4, cooldown
 * 0, minValue 0 (PyTorch's).
 */
public class ReduceOnPlateauTracker implements Tracker {

    /** PyTorch's {@code eps}: reductions smaller than this are ignored. */
    private static final double MIN_CHANGE = 1e-8;

    private final float factor;

    private final int patience;

    private final float threshold;

    private final int cooldown;

    private final float minValue;

    private float value;

    private float best = Float.POSITIVE_INFINITY;

    private int badEpochs;

    private int cooldownLeft;

    /**
     * Creates the tracker.
     * @param builder the builder, validated by {@link Builder#build()}
     */
    protected ReduceOnPlateauTracker(Builder builder) {
        this.value = builder.baseValue;
        this.factor = builder.factor;
        this.patience = builder.patience;
        this.threshold = builder.threshold;
        this.cooldown = builder.cooldown;
        this.minValue = builder.minValue;
    }

    /**
     * Returns a new builder.
     * @return a builder of {@code ReduceOnPlateauTracker}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public synchronized float getNewValue(int numUpdate) {
        return value;
    }

    /**
     * Feeds the validation loss of the epoch just finished; call once per epoch.
     * @param loss the validation loss
     */
    public synchronized void onValidationLoss(float loss) {
        if (loss < best * (1.0 - threshold)) {
            best = loss;
            badEpochs = 0;
        }
        else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            float reduced = Math.max(value * factor, minValue);
            if (value - reduced > MIN_CHANGE) {
                value = reduced;
            }
            cooldownLeft = cooldown;
            badEpochs = 0;
        }
    }

    /**
     * Returns the lowest validation loss seen, +∞ before any.
     * @return the best loss
     */
    public synchronized float getBest() {
        return best;
    }

    /** The builder of {@link ReduceOnPlateauTracker}. */
    public static final class Builder {

        float baseValue;

        float factor = 0.1f;

        int patience = 10;

        float threshold = 1e-4f;

        int cooldown;

        float minValue;

        Builder() {
        }

        /**
         * Sets the initial learning rate. Required.
         * @param baseValue &gt; 0
         * @return this builder
         */
        public Builder setBaseValue(float baseValue) {
            this.baseValue = baseValue;
            return this;
        }

        /**
         * Sets the factor a reduction multiplies η by; defaults to 0.1.
         * @param factor in (0, 1)
         * @return this builder
         */
        public Builder optFactor(float factor) {
            this.factor = factor;
            return this;
        }

        /**
         * Sets how many epochs without improvement are tolerated before a reduction;
         * defaults to 10.
         * @param patience &gt;= 0
         * @return this builder
         */
        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * Sets the relative improvement a loss must make to count; defaults to 1e-4.
         * @param threshold in [0, 1)
         * @return this builder
         */
        public Builder optThreshold(float threshold) {
            this.threshold = threshold;
            return this;
        }

        /**
         * Sets how many epochs after a reduction are not counted as bad; defaults to 0.
         * @param cooldown &gt;= 0
         * @return this builder
         */
        public Builder optCooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /**
         * Sets the value η never goes below; defaults to 0.
         * @param minValue &gt;= 0
         * @return this builder
         */
        public Builder optMinValue(float minValue) {
            this.minValue = minValue;
            return this;
        }

        /**
         * Builds the tracker.
         * @return a new {@code ReduceOnPlateauTracker}
         * @throws IllegalArgumentException naming a bad argument and its allowed range
         */
        public ReduceOnPlateauTracker build() {
            Arguments.positive("baseValue", baseValue);
            Arguments.inOpenUnitInterval("factor", factor);
            Arguments.nonNegative("patience", patience);
            Arguments.inHalfOpenUnitInterval("threshold", threshold);
            Arguments.nonNegative("cooldown", cooldown);
            Arguments.nonNegative("minValue", minValue);
            return new ReduceOnPlateauTracker(this);
        }

    }

}
