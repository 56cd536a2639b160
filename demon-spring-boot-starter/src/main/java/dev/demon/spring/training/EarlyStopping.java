package dev.demon.spring.training;

import java.util.Optional;

import dev.demon.spring.checkpoint.EarlyStoppingState;
import dev.demon.spring.optimizer.PropertyValues;

/**
 * Whether a run should stop, checked once per finished epoch on one monitored figure: the
 * decision of Keras' {@code EarlyStopping} (patience, {@code min_delta},
 * {@code start_from_epoch}) with Lightning's thresholds ({@code stopping_threshold},
 * {@code divergence_threshold}). No DJL, no Spring: a pure function of the figures it is
 * fed and its {@link EarlyStoppingState}, which a checkpoint keeps.
 *
 * <p>
 * Epochs 1 to {@code start-from-epoch} are not checked, nor an epoch without the figure
 * (NaN: no validation set). Then, per epoch with figure v (lower is better for a loss,
 * higher for an accuracy), with δ = {@code min-delta}:
 * <ol>
 * <li>v improves when it beats the best so far by more than δ (v &lt; best − δ for a
 * loss): it becomes the best and the wait restarts at 0; otherwise the wait grows by 1.
 * The first epoch checked always improves;
 * <li>the run stops when v reaches the stopping threshold (v &lt;= it for a loss, &gt;=
 * for an accuracy), else when v is worse than the divergence threshold (v &gt; it for a
 * loss, &lt; for an accuracy), else when the wait has reached the patience.
 * </ol>
 * Once decided, nothing more is checked.
 */
public final class EarlyStopping {

    private final EarlyStoppingSettings settings;

    private final ModelMonitor monitor;

    private EarlyStoppingState state;

    /**
     * Starts checking a run.
     * @param settings the pipeline's settings
     * @param monitor the figure checked, {@link EarlyStoppingSettings#monitorFor} the
     * pipeline
     * @param state where a resumed run stood, or {@link EarlyStoppingState#INITIAL}
     */
    public EarlyStopping(EarlyStoppingSettings settings, ModelMonitor monitor, EarlyStoppingState state) {
        this.settings = settings;
        this.monitor = monitor;
        this.state = state;
    }

    /**
     * Checks one finished epoch.
     * @param epoch the epoch, 1-based, after every epoch before it
     * @param value its monitored figure
     * @return why the run should stop when this check decides it; empty otherwise, and
     * after the decision
     */
    public Optional<String> check(int epoch, float value) {
        if (state.decided() || epoch <= settings.startFromEpoch() || Float.isNaN(value)) {
            return Optional.empty();
        }
        Float best = state.best();
        int bestEpoch = state.bestEpoch();
        int wait = state.waitCount() + 1;
        if (improves(value, best)) {
            best = value;
            bestEpoch = epoch;
            wait = 0;
        }
        String name = PropertyValues.of(monitor);
        String reason = null;
        Float stopping = settings.stoppingThreshold();
        Float divergence = settings.divergenceThreshold();
        if (stopping != null && (monitor.lowerIsBetter() ? value <= stopping : value >= stopping)) {
            reason = name + " " + value + " reached the stopping threshold " + stopping;
        }
        else if (divergence != null && (monitor.lowerIsBetter() ? value > divergence : value < divergence)) {
            reason = name + " " + value + " is worse than the divergence threshold " + divergence;
        }
        else if (wait >= settings.patience()) {
            reason = name + " did not improve by more than " + settings.minDelta() + " in " + wait
                    + (wait == 1 ? " epoch" : " epochs") + "; best " + best + " at epoch " + bestEpoch;
        }
        state = new EarlyStoppingState(best, bestEpoch, wait, reason != null ? epoch : 0, reason, 0, 0);
        return Optional.ofNullable(reason);
    }

    /**
     * Records when the decided stop takes effect.
     * @param stopUpdate t_s, the updates done when it was decided
     * @param endUpdate T', the updates after which the run ends
     */
    public void planEnd(long stopUpdate, long endUpdate) {
        state = new EarlyStoppingState(state.best(), state.bestEpoch(), state.waitCount(), state.stopEpoch(),
                state.reason(), stopUpdate, endUpdate);
    }

    private boolean improves(float value, Float best) {
        if (best == null) {
            return true;
        }
        double delta = settings.minDelta();
        return monitor.lowerIsBetter() ? value + delta < best : value - delta > best;
    }

    /**
     * Returns where the checks stand.
     * @return the state, as a checkpoint keeps it
     */
    public EarlyStoppingState state() {
        return state;
    }

    /**
     * Returns the settings checked.
     * @return the settings
     */
    public EarlyStoppingSettings settings() {
        return settings;
    }

    /**
     * Returns the figure checked.
     * @return the monitor
     */
    public ModelMonitor monitor() {
        return monitor;
    }

}
