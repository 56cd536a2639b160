package dev.demon.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;

import dev.demon.internal.Arguments;

/**
 * Adam with scheduled first-moment momentum: Demon Adam (Chen, Wolfe, Li, Kyrillidis,
 * arXiv:1910.04952, Algorithm 2) when the schedule is
 * {@link dev.demon.schedule.DemonSchedule}, the default.
 *
 * <p>
 * Per parameter, with t the number of updates it has already received, β_t =
 * schedule.momentum(t, T), η_t the learning-rate tracker's value and g = clip(rescaleGrad
 * · grad) + weightDecay · θ:
 *
 * <pre>
 *   m ← β_t · m + g
 *   s ← β2 · s + (1 − β2) · g²
 *   ŝ = s / (1 − β2^(t+1))
 *   θ ← θ − η_t · m / (√ŝ + ε)
 * </pre>
 *
 * m and s start at 0. Unlike Kingma &amp; Ba's Adam, m accumulates g without the (1 − β)
 * factor and without bias correction (the paper's Algorithm 2). Defaults: β2 = 0.999, ε =
 * 1e-8 (Kingma &amp; Ba), learning rate fixed at 0.0001 (the contract's default for Adam,
 * {@code
 * demon.learning-rate.initial}).
 *
 * <p>
 * The update is one call of MXNet's fused {@code adam_update} per parameter, as in DJL's
 * {@code
 * Adam}, with the first moment stored scaled: the buffer holds c_t·m_t (see {@code
 * FirstMomentScale}), {@code adam_update}'s β1 is β_t / (c_t + β_t), and the bias
 * correction and the scale move into its learning rate and ε:
 *
 * <pre>
 *   η·m / (√(s / b) + ε) = (η·√b / c) · (c·m) / (√s + ε·√b),   b = 1 − β2^(t+1)
 * </pre>
 *
 * {@code adam_update} clips g after adding the weight decay, the contract before; when
 * both are set, g is computed first and passed with neither. So it is on engines whose
 * fused operator clips from above only (PyTorch, see {@link FusedUpdates}).
 */
public class DemonAdam extends ScheduledMomentumOptimizer {

    /** Learning rate used when no tracker is set. */
    public static final float DEFAULT_LEARNING_RATE = 0.0001f;

    private final float beta2;

    private final float epsilon;

    private final FirstMomentScale firstMomentScale;

    /**
     * Creates the optimizer.
     * @param builder the builder, validated by {@link Builder#build()}
     */
    protected DemonAdam(Builder builder) {
        // "scaled": this buffer holds c_t·m_t; the name keeps states of the unscaled form
        // out.
        super(builder, "scaledFirstMoment", "secondMoment");
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
        this.firstMomentScale = new FirstMomentScale(getMomentumSchedule(), getTotalUpdates());
    }

    /**
     * Returns a new builder.
     * @return a builder of {@code DemonAdam}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    /**
     * {@inheritDoc}
     * @return {@code adam}
     */
    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected void applyUpdate(NDArray weight, NDArray grad, NDArray[] buffers, long update, float momentum,
            float learningRate) {
        float scale = firstMomentScale.before(update);
        float beta1 = FirstMomentScale.beta1(momentum, scale);
        float nextScale = 1f - beta1;
        double sqrtBiasCorrection = Math.sqrt(1.0 - Math.pow(beta2, update + 1.0));
        float fusedLearningRate = (float) (learningRate * sqrtBiasCorrection / nextScale);
        float fusedEpsilon = (float) (epsilon * sqrtBiasCorrection);

        NDArray g = grad;
        float rescale = rescaleGrad;
        float clip = clipGrad;
        float weightDecay = getWeightDecay();
        if (clip >= 0f && (weightDecay != 0f || !FusedUpdates.clipsBothSides(grad))) {
            g = effectiveGradient(weight, grad);
            rescale = 1f;
            clip = -1f;
            weightDecay = 0f;
        }
        weight.getNDArrayInternal()
            .adamUpdate(new NDList(weight, g, buffers[0], buffers[1]), new NDList(weight), fusedLearningRate,
                    fusedLearningRate, weightDecay, rescale, clip, beta1, beta2, fusedEpsilon, true, false);
    }

    /**
     * Returns β2.
     * @return the second-moment decay
     */
    public float getBeta2() {
        return beta2;
    }

    /**
     * Returns ε.
     * @return the denominator's offset
     */
    public float getEpsilon() {
        return epsilon;
    }

    /** The builder of {@link DemonAdam}. */
    public static final class Builder extends ScheduledMomentumOptimizer.Builder<Builder> {

        float beta2 = 0.999f;

        float epsilon = 1e-8f;

        Builder() {
            learningRateTracker = Tracker.fixed(DEFAULT_LEARNING_RATE);
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the learning-rate tracker giving η_t; defaults to a fixed
         * {@value DemonAdam#DEFAULT_LEARNING_RATE}.
         * @param learningRateTracker the tracker
         * @return this builder
         */
        public Builder optLearningRateTracker(ParameterTracker learningRateTracker) {
            this.learningRateTracker = learningRateTracker;
            return this;
        }

        /**
         * Sets β2, the decay of the second-moment estimate; defaults to 0.999.
         * @param beta2 β2, in [0, 1)
         * @return this builder
         */
        public Builder optBeta2(float beta2) {
            this.beta2 = beta2;
            return this;
        }

        /**
         * Sets ε, added to √ŝ for numerical stability; defaults to 1e-8.
         * @param epsilon ε &gt; 0
         * @return this builder
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * Builds the optimizer.
         * @return a new {@code DemonAdam}
         * @throws IllegalArgumentException naming a bad argument and its allowed range
         */
        public DemonAdam build() {
            validate();
            Arguments.inHalfOpenUnitInterval("beta2", beta2);
            Arguments.positive("epsilon", epsilon);
            return new DemonAdam(this);
        }

    }

}
