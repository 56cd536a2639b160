package dev.demon.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;

import org.jspecify.annotations.Nullable;

import dev.demon.internal.Arguments;
import dev.demon.schedule.DemonSchedule;
import dev.demon.schedule.MomentumSchedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A DJL {@link Optimizer} whose momentum coefficient follows a {@link MomentumSchedule},
 * with its whole state restorable ({@link StatefulOptimizer}).
 *
 * <p>
 * It keeps two kinds of counters, because DJL's own ones (in {@link Optimizer}) are
 * private and cannot be restored:
 *
 * <ul>
 * <li>the update number given to the learning-rate tracker, numbered exactly as DJL's
 * {@code
 *       Optimizer.updateCount}: per parameter, 1 on its first update (plus {@code
 *       optBeginNumUpdate}), and the tracker receives the maximum over all parameters. So
 * a tracker sees the same numbers here as under DJL's {@code Sgd} or {@code Adam};
 * <li>per parameter, the number t of updates it has already received (0 on its first
 * update), which gives β_t = schedule.momentum(t, T).
 * </ul>
 *
 * <p>
 * Buffers live on the parameter's device and are updated in place. With several devices,
 * DJL updates every device's copy of a parameter with the same summed gradient, so each
 * copy keeps its own buffers and its own t, exactly like DJL's optimizers keep one state
 * per device.
 *
 * <p>
 * The buffers are native memory outside every {@code NDManager} (as with DJL's
 * optimizers, whose state lives until the JVM ends): {@link #close()} releases them when
 * training is over.
 */
public abstract class ScheduledMomentumOptimizer extends Optimizer implements StatefulOptimizer, AutoCloseable {

    private final ParameterTracker learningRateTracker;

    private final MomentumSchedule momentumSchedule;

    private final long totalUpdates;

    private final int beginNumUpdate;

    private final OptimizerState state;

    private volatile boolean closed;

    private volatile float currentMomentum;

    private volatile float currentLearningRate;

    /**
     * Creates the optimizer from its builder.
     * @param builder the builder, already validated
     * @param bufferNames names of the per-parameter buffers, in the order
     * {@link #applyUpdate} receives them
     */
    protected ScheduledMomentumOptimizer(Builder<?> builder, String... bufferNames) {
        super(builder);
        this.learningRateTracker = builder.learningRateTracker;
        this.momentumSchedule = builder.momentumSchedule;
        this.totalUpdates = builder.totalUpdates;
        this.beginNumUpdate = builder.beginNumUpdate;
        this.state = new OptimizerState(getClass().getSimpleName(), bufferNames);
        this.currentMomentum = momentumSchedule.momentum(0, totalUpdates);
        // Before any update: what the first update will use, when the tracker can say it.
        this.currentLearningRate = learningRateTracker instanceof Tracker
                ? ((Tracker) learningRateTracker).getNewValue(beginNumUpdate + 1) : Float.NaN;
    }

    /**
     * Applies one update in place.
     * @param weight the parameter θ, updated in place
     * @param grad the raw gradient
     * @param buffers this parameter's buffers on {@code weight}'s device, updated in
     * place
     * @param update t, the number of updates this parameter has already received
     * @param momentum β_t
     * @param learningRate η_t
     */
    protected abstract void applyUpdate(NDArray weight, NDArray grad, NDArray[] buffers, long update, float momentum,
            float learningRate);

    /** {@inheritDoc} */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        checkOpen();
        int numUpdate = state.nextUpdateNumber(parameterId, beginNumUpdate);
        float learningRate = learningRateTracker.getNewValue(parameterId, numUpdate);
        if (!(learningRate >= 0f)) {
            throw new IllegalStateException("learning rate must be >= 0, the tracker gave " + learningRate
                    + " for update " + numUpdate + " of parameter " + parameterId);
        }
        OptimizerState.Slot slot = state.slot(parameterId, weight);
        long t = slot.updates();
        float momentum = momentumSchedule.momentum(t, totalUpdates);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            applyUpdate(weight, grad, slot.buffers(), t, momentum, learningRate);
        }
        slot.advance();
        currentMomentum = momentum;
        currentLearningRate = learningRate;
    }

    /**
     * The effective gradient g = clip(rescaleGrad · grad) + weightDecay · θ of the
     * contract (DJL's coupled L2 weight decay, as MXNet's {@code sgd_mom_update} computes
     * it). Clipping to [−clipGrad, clipGrad] applies when clipGrad &gt;= 0, as in DJL and
     * MXNet.
     * @param weight θ
     * @param grad the raw gradient
     * @return a new array, closed by the {@link NDScope} around {@link #applyUpdate}
     */
    protected NDArray effectiveGradient(NDArray weight, NDArray grad) {
        NDArray g = grad.mul(rescaleGrad);
        if (clipGrad >= 0f) {
            g = g.clip(-clipGrad, clipGrad);
        }
        float weightDecay = getWeightDecay();
        if (weightDecay != 0f) {
            g.addi(weight.mul(weightDecay));
        }
        return g;
    }

    /**
     * Short lowercase name used in metrics tags and reports, as
     * {@link MomentumSchedule#name()} is for schedules: {@code sgdm}, {@code adam}.
     * @return the optimizer's name; by default its class's simple name in lowercase
     */
    public String name() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns β of the most recent update; before any update, β_0 = schedule.momentum(0,
     * T).
     * @return the current momentum coefficient
     */
    public float currentMomentum() {
        return currentMomentum;
    }

    /**
     * Returns η of the most recent update. Before any update: the tracker's value for the
     * first update when it is a {@link Tracker}, {@code NaN} for a per-parameter tracker.
     * @return the current learning rate
     */
    public float currentLearningRate() {
        return currentLearningRate;
    }

    /**
     * Returns the learning-rate tracker giving η_t.
     * @return the tracker
     */
    public ParameterTracker getLearningRateTracker() {
        return learningRateTracker;
    }

    /**
     * Returns the momentum schedule.
     * @return the schedule giving β_t
     */
    public MomentumSchedule getMomentumSchedule() {
        return momentumSchedule;
    }

    /**
     * Returns T, the planned number of updates per parameter.
     * @return T &gt; 0
     */
    public long getTotalUpdates() {
        return totalUpdates;
    }

    /**
     * Returns the updates done: the update number the learning-rate tracker saw last, in
     * DJL's numbering (the most updates any parameter has received, plus
     * {@code optBeginNumUpdate}), 0 before any.
     * @return the updates done
     */
    public int getUpdatesDone() {
        return state.updateNumber();
    }

    /** {@inheritDoc} */
    @Override
    public void saveState(OutputStream out) throws IOException {
        state.write(out, currentMomentum, currentLearningRate);
    }

    /** {@inheritDoc} */
    @Override
    public void loadState(InputStream in, NDManager manager, UnaryOperator<String> parameterIds) throws IOException {
        checkOpen();
        float[] current = state.read(in, manager, parameterIds);
        currentMomentum = current[0];
        currentLearningRate = current[1];
    }

    /**
     * Releases every buffer. The optimizer cannot update after this; closing twice does
     * nothing.
     */
    @Override
    public void close() {
        closed = true;
        state.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
    }

    /** The state, for tests of this package. */
    OptimizerState state() {
        return state;
    }

    /**
     * Builder of the schedule, T and DJL's common optimizer options.
     *
     * @param <T> the concrete builder
     */
    public abstract static class Builder<T extends Builder<T>> extends OptimizerBuilder<T> {

        @Nullable ParameterTracker learningRateTracker;

        MomentumSchedule momentumSchedule = new DemonSchedule(0.9f);

        long totalUpdates;

        int beginNumUpdate;

        float weightDecay;

        protected Builder() {
        }

        /**
         * Sets the momentum schedule; defaults to {@code new DemonSchedule(0.9f)}.
         * @param momentumSchedule gives β_t
         * @return this builder
         */
        public T optMomentumSchedule(MomentumSchedule momentumSchedule) {
            this.momentumSchedule = momentumSchedule;
            return self();
        }

        /**
         * Sets T, the planned number of updates per parameter (usually epochs × batches
         * per epoch). Required. Named after DJL's training steps; each step is one
         * optimizer update of every parameter.
         * @param totalUpdates T &gt; 0
         * @return this builder
         */
        public T setTotalSteps(long totalUpdates) {
            this.totalUpdates = totalUpdates;
            return self();
        }

        /** {@inheritDoc} */
        @Override
        public T optBeginNumUpdate(int beginNumUpdate) {
            this.beginNumUpdate = beginNumUpdate;
            return super.optBeginNumUpdate(beginNumUpdate);
        }

        /** {@inheritDoc} */
        @Override
        public T optWeightDecays(float weightDecays) {
            this.weightDecay = weightDecays;
            return super.optWeightDecays(weightDecays);
        }

        /**
         * Checks the options common to every scheduled-momentum optimizer.
         * @throws IllegalArgumentException naming the bad argument and its range
         */
        protected void validate() {
            Arguments.required("momentumSchedule", momentumSchedule);
            Arguments.positive("totalUpdates", totalUpdates);
            Arguments.nonNegative("beginNumUpdate", beginNumUpdate);
            Arguments.nonNegative("weightDecays", weightDecay);
            float beta = momentumSchedule.momentum(0, totalUpdates);
            if (!(beta >= 0f && beta < 1f)) {
                throw new IllegalArgumentException(
                        "momentumSchedule must give β in [0, 1), got " + beta + " at update 0");
            }
            Arguments.required("learningRateTracker", learningRateTracker);
            if (learningRateTracker instanceof Tracker) {
                int first = beginNumUpdate + 1;
                float value = ((Tracker) learningRateTracker).getNewValue(first);
                if (!(value >= 0f && Float.isFinite(value))) {
                    throw new IllegalArgumentException(
                            "learning rate must be >= 0 and finite, learningRateTracker gave " + value + " for update "
                                    + first);
                }
            }
        }

    }

}
