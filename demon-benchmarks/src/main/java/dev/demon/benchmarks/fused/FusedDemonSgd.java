package dev.demon.benchmarks.fused;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.tracker.Tracker;

import dev.demon.schedule.DemonSchedule;
import dev.demon.schedule.MomentumSchedule;

/**
 * Demon SGDM (Chen et al., arXiv:1910.04952, Algorithm 1) over a whole parameter set,
 * with all its small tensors in one call of MXNet's fused multi-tensor operator
 * {@code multi_sgd_mom_update}, instead of one {@code sgd_mom_update} call per parameter
 * as {@link dev.demon.optim.DemonSgd} and DJL's {@code Sgd} make; tensors of
 * {@link Builder#optFuseBelow} values or more keep their own {@code sgd_mom_update} call.
 *
 * <p>
 * Per parameter i, with t the number of updates already made, β_t = schedule.momentum(t,
 * T), η_t the tracker's value for update number t + 1 (DJL numbers updates from 1), and
 * g_i = clip(rescaleGrad · grad_i) + weightDecay · θ_i:
 *
 * <pre>
 *   v_i ← β_t · v_i − η_t · g_i        (v_i starts at 0)
 *   θ_i ← θ_i + v_i
 * </pre>
 *
 * The multi-tensor kernel evaluates the same expression as the single-tensor one (MXNet
 * {@code src/operator/optimizer_op-inl.h}, {@code SGDMomKernel} and
 * {@code MultiSGDKernel}), so the numbers are those of {@code DemonSgd}, bit for bit.
 * MXNet's operator documentation: "multi_sgd_mom_update: Momentum update function for
 * Stochastic Gradient Descent (SGD) optimizer", arguments {@code data} (weight, grad, mom
 * of every tensor, in that order), {@code lrs}, {@code wds}, {@code momentum},
 * {@code rescale_grad}, {@code clip_gradient}, {@code num_weights}.
 *
 * <p>
 * When β_t = 0 (Demon at t &gt;= T) the fused operator, like DJL's {@code sgdUpdate},
 * would leave v untouched, so that update is composed per parameter from NDArray
 * operations, as {@code DemonSgd} composes it.
 *
 * <p>
 * This is not a DJL {@code Optimizer}: DJL's trainer hands an optimizer one parameter at
 * a time ({@code ParameterStore.updateAllParameters}), which leaves nothing to fuse. It
 * updates a list of parameters the caller gathers, which is what the benchmark measures.
 */
public final class FusedDemonSgd implements AutoCloseable {

    /**
     * Tensors per fused call: MXNet's kernel parameter block has room for a fixed number
     * of them ({@code MultiSGDKernelParam::N}, 55 or 60 depending on the build); chunks
     * stay below both.
     */
    static final int MAX_TENSORS_PER_CALL = 55;

    /** Default of {@link Builder#optFuseBelow}. */
    public static final long DEFAULT_FUSE_BELOW = 4096;

    private static final MxnetMultiTensorOperator MULTI_SGD_MOM_UPDATE = MxnetMultiTensorOperator
        .named("multi_sgd_mom_update");

    private final Tracker learningRateTracker;

    private final MomentumSchedule momentumSchedule;

    private final long totalUpdates;

    private final float weightDecay;

    private final float rescaleGrad;

    private final float clipGrad;

    private final long fuseBelow;

    private final List<NDArray> velocities = new ArrayList<>();

    private long updates;

    private float currentMomentum;

    private FusedDemonSgd(Builder builder) {
        this.learningRateTracker = builder.learningRateTracker;
        this.momentumSchedule = builder.momentumSchedule;
        this.totalUpdates = builder.totalUpdates;
        this.weightDecay = builder.weightDecay;
        this.rescaleGrad = builder.rescaleGrad;
        this.clipGrad = builder.clipGrad;
        this.fuseBelow = builder.fuseBelow;
        this.currentMomentum = momentumSchedule.momentum(0, totalUpdates);
    }

    /**
     * Returns a new builder.
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Updates every parameter once, in place.
     * @param weights the parameters θ_i, always in the same order
     * @param grads their gradients, in the same order
     */
    public void update(List<NDArray> weights, List<NDArray> grads) {
        if (weights.size() != grads.size()) {
            throw new IllegalArgumentException(weights.size() + " weights but " + grads.size() + " gradients");
        }
        if (velocities.isEmpty()) {
            for (NDArray weight : weights) {
                NDArray velocity = weight.zerosLike();
                velocity.detach();
                velocities.add(velocity);
            }
        }
        float momentum = momentumSchedule.momentum(updates, totalUpdates);
        float learningRate = learningRateTracker.getNewValue(Math.toIntExact(updates + 1));
        if (momentum != 0f) {
            List<NDArray> smallWeights = new ArrayList<>();
            List<NDArray> smallGrads = new ArrayList<>();
            List<NDArray> smallVelocities = new ArrayList<>();
            for (int i = 0; i < weights.size(); i++) {
                NDArray weight = weights.get(i);
                if (weight.size() < fuseBelow) {
                    smallWeights.add(weight);
                    smallGrads.add(grads.get(i));
                    smallVelocities.add(velocities.get(i));
                }
                else {
                    // The operator DemonSgd and DJL's Sgd call for every parameter.
                    weight.getNDArrayInternal()
                        .sgdUpdate(new NDList(weight, grads.get(i), velocities.get(i)), new NDList(weight),
                                learningRate, weightDecay, rescaleGrad, clipGrad, momentum, true);
                }
            }
            for (int from = 0; from < smallWeights.size(); from += MAX_TENSORS_PER_CALL) {
                int to = Math.min(smallWeights.size(), from + MAX_TENSORS_PER_CALL);
                fusedUpdate(smallWeights.subList(from, to), smallGrads.subList(from, to),
                        smallVelocities.subList(from, to), learningRate, momentum);
            }
        }
        else {
            for (int i = 0; i < weights.size(); i++) {
                momentumFreeUpdate(weights.get(i), grads.get(i), velocities.get(i), learningRate);
            }
        }
        updates++;
        currentMomentum = momentum;
    }

    private void fusedUpdate(List<NDArray> weights, List<NDArray> grads, List<NDArray> velocities, float learningRate,
            float momentum) {
        List<NDArray> inputs = new ArrayList<>(3 * weights.size());
        StringJoiner learningRates = new StringJoiner(", ", "(", ")");
        StringJoiner weightDecays = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < weights.size(); i++) {
            inputs.add(weights.get(i));
            inputs.add(grads.get(i));
            inputs.add(velocities.get(i));
            // Same decimal form as DJL's MxOpParams gives sgd_mom_update, so MXNet parses
            // the same floats.
            learningRates.add(String.valueOf(learningRate));
            weightDecays.add(String.valueOf(weightDecay));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("lrs", learningRates.toString());
        parameters.put("wds", weightDecays.toString());
        parameters.put("momentum", String.valueOf(momentum));
        parameters.put("rescale_grad", String.valueOf(rescaleGrad));
        parameters.put("clip_gradient", String.valueOf(clipGrad));
        parameters.put("num_weights", String.valueOf(weights.size()));
        MULTI_SGD_MOM_UPDATE.invoke(inputs, weights, parameters);
    }

    /** β = 0: v = −η·g, θ ← θ + v. */
    private void momentumFreeUpdate(NDArray weight, NDArray grad, NDArray velocity, float learningRate) {
        try (NDArray g = grad.mul(rescaleGrad)) {
            NDArray clipped = clipGrad >= 0f ? g.clip(-clipGrad, clipGrad) : g;
            if (weightDecay != 0f) {
                try (NDArray decay = weight.mul(weightDecay)) {
                    clipped.addi(decay);
                }
            }
            clipped.muli(-learningRate).copyTo(velocity);
            weight.addi(velocity);
            if (clipped != g) {
                clipped.close();
            }
        }
    }

    /**
     * Returns β of the most recent update, β_0 before any.
     * @return the current momentum coefficient
     */
    public float currentMomentum() {
        return currentMomentum;
    }

    /**
     * Returns the number of updates made.
     * @return t
     */
    public long updates() {
        return updates;
    }

    /** Frees the velocity buffers. */
    @Override
    public void close() {
        velocities.forEach(NDArray::close);
        velocities.clear();
    }

    /** Builder in DJL's optimizer style. */
    public static final class Builder {

        private Tracker learningRateTracker;

        private MomentumSchedule momentumSchedule = new DemonSchedule(0.9f);

        private long totalUpdates;

        private float weightDecay;

        private float rescaleGrad = 1f;

        private float clipGrad = -1f;

        private long fuseBelow = DEFAULT_FUSE_BELOW;

        private Builder() {
        }

        /**
         * Sets which tensors share the fused call: those with fewer than this many
         * values. MXNet's CPU kernel walks every tensor of a call for each index up to
         * the largest one's size ({@code MultiSGDKernel}: one loop over the tensors per
         * index), so a large tensor in the call makes the small ones cost as much as it
         * does; large tensors are updated by their own {@code sgd_mom_update} call, where
         * the per-call overhead no longer matters. Defaults to
         * {@value FusedDemonSgd#DEFAULT_FUSE_BELOW}; {@code Long.MAX_VALUE} fuses
         * everything.
         * @param fuseBelow the size bound, in values
         * @return this builder
         */
        public Builder optFuseBelow(long fuseBelow) {
            this.fuseBelow = fuseBelow;
            return this;
        }

        /**
         * Sets η_t. Required.
         * @param learningRateTracker the tracker
         * @return this builder
         */
        public Builder setLearningRateTracker(Tracker learningRateTracker) {
            this.learningRateTracker = learningRateTracker;
            return this;
        }

        /**
         * Sets the momentum schedule; defaults to {@code new DemonSchedule(0.9f)}.
         * @param momentumSchedule gives β_t
         * @return this builder
         */
        public Builder optMomentumSchedule(MomentumSchedule momentumSchedule) {
            this.momentumSchedule = momentumSchedule;
            return this;
        }

        /**
         * Sets T, the planned number of updates. Required.
         * @param totalUpdates T &gt; 0
         * @return this builder
         */
        public Builder setTotalSteps(long totalUpdates) {
            this.totalUpdates = totalUpdates;
            return this;
        }

        /**
         * Sets the coupled L2 weight decay; defaults to 0.
         * @param weightDecay &gt;= 0
         * @return this builder
         */
        public Builder optWeightDecays(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * Sets the gradient's scale; defaults to 1.
         * @param rescaleGrad the factor
         * @return this builder
         */
        public Builder setRescaleGrad(float rescaleGrad) {
            this.rescaleGrad = rescaleGrad;
            return this;
        }

        /**
         * Sets the gradient clipping bound; defaults to -1, no clipping.
         * @param clipGrad the bound, or a negative value for none
         * @return this builder
         */
        public Builder optClipGrad(float clipGrad) {
            this.clipGrad = clipGrad;
            return this;
        }

        /**
         * Builds the updater.
         * @return a new {@code FusedDemonSgd}
         * @throws IllegalArgumentException when the tracker or T is missing
         */
        public FusedDemonSgd build() {
            if (learningRateTracker == null) {
                throw new IllegalArgumentException("learningRateTracker must be set");
            }
            if (totalUpdates <= 0) {
                throw new IllegalArgumentException("totalUpdates must be > 0, got " + totalUpdates);
            }
            return new FusedDemonSgd(this);
        }

    }

}
