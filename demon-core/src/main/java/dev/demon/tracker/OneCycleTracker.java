package dev.demon.tracker;

import ai.djl.training.tracker.Tracker;

import dev.demon.internal.Arguments;

/**
 * The one-cycle learning-rate policy (Smith &amp; Topin, "Super-Convergence: Very Fast
 * Training of Neural Networks Using Large Learning Rates", arXiv:1708.07120; Smith,
 * arXiv:1803.09820), the "OneCycle" baseline of Chen et al. (arXiv:1910.04952). The
 * learning rate warms up from maxValue/divFactor to maxValue over the first pctStart of
 * the updates, then anneals to a value far below the start. Both phases use cosine
 * annealing, as PyTorch's {@code OneCycleLR} does by default
 * ({@code anneal_strategy="cos"}, {@code
 * three_phase=False}); its defaults are used here too.
 *
 * <p>
 * DJL's optimizers number updates from 1, so s = numUpdate − 1 is the 0-based update (the
 * first update uses the initial value). With T = maxUpdates, u = min(s / T, 1), a =
 * pctStart, η_0 = maxValue / divFactor, η_end = η_0 / finalDivFactor and cos_anneal(from,
 * to, x) = to + (from − to) · (1 + cos(π·x)) / 2:
 *
 * <pre>
 *   η = cos_anneal(η_0, maxValue, u / a)               for u &lt; a
 *   η = cos_anneal(maxValue, η_end, (u − a) / (1 − a))  otherwise
 * </pre>
 *
 * <p>
 * So η = η_0 on the first update, maxValue at s = a·T, and η_end from s = T on. Defaults:
 * pctStart 0.3, divFactor 25, finalDivFactor 1e4 (PyTorch's {@code OneCycleLR}).
 */
public class OneCycleTracker implements Tracker {

    private final float maxValue;

    private final int maxUpdates;

    private final float pctStart;

    private final float initialValue;

    private final float finalValue;

    /**
     * Creates the tracker.
     * @param builder the builder, validated by {@link Builder#build()}
     */
    protected OneCycleTracker(Builder builder) {
        this.maxValue = builder.maxValue;
        this.maxUpdates = builder.maxUpdates;
        this.pctStart = builder.pctStart;
        this.initialValue = builder.maxValue / builder.divFactor;
        this.finalValue = initialValue / builder.finalDivFactor;
    }

    /**
     * Returns a new builder.
     * @return a builder of {@code OneCycleTracker}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public float getNewValue(int numUpdate) {
        double u = Math.min(1.0, Math.max(0, numUpdate - 1) / (double) maxUpdates);
        if (u < pctStart) {
            return (float) cosineAnneal(initialValue, maxValue, u / pctStart);
        }
        return (float) cosineAnneal(maxValue, finalValue, (u - pctStart) / (1 - pctStart));
    }

    private static double cosineAnneal(double from, double to, double fraction) {
        return to + (from - to) * (1 + Math.cos(Math.PI * fraction)) / 2;
    }

    /**
     * Returns the learning rate of the first update, maxValue / divFactor.
     * @return η_0
     */
    public float getInitialValue() {
        return initialValue;
    }

    /**
     * Returns the learning rate from update T on, η_0 / finalDivFactor.
     * @return η_end
     */
    public float getFinalValue() {
        return finalValue;
    }

    /** The builder of {@link OneCycleTracker}. */
    public static final class Builder {

        float maxValue;

        int maxUpdates;

        float pctStart = 0.3f;

        float divFactor = 25f;

        float finalDivFactor = 1e4f;

        Builder() {
        }

        /**
         * Sets the peak learning rate. Required.
         * @param maxValue the peak, &gt; 0
         * @return this builder
         */
        public Builder setMaxValue(float maxValue) {
            this.maxValue = maxValue;
            return this;
        }

        /**
         * Sets T, the number of updates the cycle spans. Required.
         * @param maxUpdates T &gt; 0
         * @return this builder
         */
        public Builder setMaxUpdates(int maxUpdates) {
            this.maxUpdates = maxUpdates;
            return this;
        }

        /**
         * Sets the fraction of T spent warming up; defaults to 0.3.
         * @param pctStart in (0, 1)
         * @return this builder
         */
        public Builder optPctStart(float pctStart) {
            this.pctStart = pctStart;
            return this;
        }

        /**
         * Sets the ratio of the peak to the initial learning rate; defaults to 25.
         * @param divFactor &gt; 0
         * @return this builder
         */
        public Builder optDivFactor(float divFactor) {
            this.divFactor = divFactor;
            return this;
        }

        /**
         * Sets the ratio of the initial to the final learning rate; defaults to 1e4.
         * @param finalDivFactor &gt; 0
         * @return this builder
         */
        public Builder optFinalDivFactor(float finalDivFactor) {
            this.finalDivFactor = finalDivFactor;
            return this;
        }

        /**
         * Builds the tracker.
         * @return a new {@code OneCycleTracker}
         * @throws IllegalArgumentException naming a bad argument and its allowed range
         */
        public OneCycleTracker build() {
            Arguments.positive("maxValue", maxValue);
            Arguments.positive("maxUpdates", maxUpdates);
            Arguments.inOpenUnitInterval("pctStart", pctStart);
            Arguments.positive("divFactor", divFactor);
            Arguments.positive("finalDivFactor", finalDivFactor);
            return new OneCycleTracker(this);
        }

    }

}
