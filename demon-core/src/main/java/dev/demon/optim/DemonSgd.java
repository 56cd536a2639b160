package dev.demon.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.tracker.ParameterTracker;

/**
 * SGD with scheduled momentum: Demon SGDM (Chen, Wolfe, Li, Kyrillidis, arXiv:1910.04952,
 * Algorithm 1) when the schedule is {@link dev.demon.schedule.DemonSchedule}, the
 * default.
 *
 * <p>
 * Per parameter, with t the number of updates it has already received, β_t =
 * schedule.momentum(t, T), η_t the learning-rate tracker's value and g = clip(rescaleGrad
 * · grad) + weightDecay · θ:
 *
 * <pre>
 *   v ← β_t · v − η_t · g        (v starts at 0)
 *   θ ← θ + v
 * </pre>
 *
 * <p>
 * This is the update of MXNet's fused {@code sgd_mom_update}, which takes β per call, so
 * the update runs as one fused operator through {@code NDArrayEx.sgdUpdate}; with
 * {@link dev.demon.schedule.ConstantMomentum ConstantMomentum(b)} it computes exactly
 * what DJL's {@code Sgd} with {@code optMomentum(b)} computes, the learning-rate tracker
 * included (it receives the same update numbers). When β_t = 0 (Demon from t = T on)
 * DJL's {@code sgdUpdate} would switch to the momentum-free operator, which does not
 * touch v; that update is composed from NDArray operations instead, so v = −η_t·g still
 * holds. With clipping on an engine whose fused operator clips from above only (PyTorch),
 * g is computed first and handed to the operator finished. A composed update zeroes the
 * raw gradient where the engine's fused operator would have ({@link FusedUpdates}).
 *
 * <p>
 * With {@code optNesterov(true)}: Nesterov's accelerated gradient in the momentum form of
 * Sutskever, Martens, Dahl, Hinton ("On the importance of initialization and momentum in
 * deep learning", ICML 2013), rewritten for the look-ahead parameters θ' = θ + β_{t+1}·v
 * so that the gradient is taken at the parameters the model holds (Bengio,
 * Boulanger-Lewandowski, Pascanu, "Advances in optimizing recurrent networks", ICASSP
 * 2013):
 *
 * <pre>
 *   v  ← β_t · v − η_t · g
 *   θ' ← θ' + β_{t+1} · v − η_t · g
 * </pre>
 *
 * With a time-varying β the look-ahead uses the next update's β_{t+1} =
 * schedule.momentum(t + 1, T); that is what makes it the exact rewriting of Sutskever's
 * rule.
 */
public class DemonSgd extends ScheduledMomentumOptimizer {

    private final boolean nesterov;

    /**
     * Creates the optimizer.
     * @param builder the builder, validated by {@link Builder#build()}
     */
    protected DemonSgd(Builder builder) {
        super(builder, "velocity");
        this.nesterov = builder.nesterov;
    }

    /**
     * Returns a new builder.
     * @return a builder of {@code DemonSgd}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    /**
     * {@inheritDoc}
     * @return {@code sgdm}
     */
    @Override
    public String name() {
        return "sgdm";
    }

    @Override
    protected void applyUpdate(NDArray weight, NDArray grad, NDArray[] buffers, long update, float momentum,
            float learningRate) {
        NDArray velocity = buffers[0];
        boolean velocityNegated = FusedUpdates.negatesVelocity(weight);
        if (nesterov) {
            float nextMomentum = getMomentumSchedule().momentum(update + 1, getTotalUpdates());
            NDArray scaledGradient = effectiveGradient(weight, grad).muli(learningRate);
            if (velocityNegated) {
                velocity.muli(momentum).addi(scaledGradient);
                weight.subi(velocity.mul(nextMomentum)).subi(scaledGradient);
            }
            else {
                velocity.muli(momentum).subi(scaledGradient);
                weight.addi(velocity.mul(nextMomentum)).subi(scaledGradient);
            }
            FusedUpdates.clearGradient(grad);
        }
        else if (momentum != 0f && (clipGrad < 0f || FusedUpdates.clipsBothSides(weight))) {
            weight.getNDArrayInternal()
                .sgdUpdate(new NDList(weight, grad, velocity), new NDList(weight), learningRate, getWeightDecay(),
                        rescaleGrad, clipGrad, momentum, true);
        }
        else if (momentum != 0f) {
            // The engine's fused operator would clip from above only: g is computed here
            // and handed over finished.
            weight.getNDArrayInternal()
                .sgdUpdate(new NDList(weight, effectiveGradient(weight, grad), velocity), new NDList(weight),
                        learningRate, 0f, 1f, -1f, momentum, true);
        }
        else {
            // β = 0: v = −η·g, θ ← θ + v (the fused operator would skip v here).
            NDArray change = effectiveGradient(weight, grad).muli(-learningRate);
            weight.addi(change);
            (velocityNegated ? change.negi() : change).copyTo(velocity);
            FusedUpdates.clearGradient(grad);
        }
    }

    /**
     * Returns whether the Nesterov variant is used.
     * @return true for Nesterov momentum
     */
    public boolean isNesterov() {
        return nesterov;
    }

    /** The builder of {@link DemonSgd}. */
    public static final class Builder extends ScheduledMomentumOptimizer.Builder<Builder> {

        boolean nesterov;

        Builder() {
        }

        /** {@inheritDoc} */
        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the learning-rate tracker giving η_t. Required.
         * @param learningRateTracker the tracker, for example
         * {@code Tracker.fixed(0.01f)}
         * @return this builder
         */
        public Builder setLearningRateTracker(ParameterTracker learningRateTracker) {
            this.learningRateTracker = learningRateTracker;
            return this;
        }

        /**
         * Sets whether to use Nesterov momentum (see {@link DemonSgd}); defaults to
         * false.
         * @param nesterov true for Nesterov momentum
         * @return this builder
         */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        /**
         * Builds the optimizer.
         * @return a new {@code DemonSgd}
         * @throws IllegalArgumentException naming a bad argument and its allowed range
         */
        public DemonSgd build() {
            validate();
            return new DemonSgd(this);
        }

    }

}
