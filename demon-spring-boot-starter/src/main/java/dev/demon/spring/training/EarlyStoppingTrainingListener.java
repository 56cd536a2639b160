package dev.demon.spring.training;

import java.util.Optional;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.schedule.DecayThenStop;
import dev.demon.spring.checkpoint.EarlyStoppingState;
import dev.demon.spring.report.EpochSummary;

/**
 * Decides after every finished epoch whether the run stops early ({@link EarlyStopping}),
 * and when it does, when it ends: at once ({@link EarlyStoppingMode#STOP}), or after
 * {@code decay-epochs} more epochs whose momentum schedule and learning rate it has
 * re-planned to reach their end ({@link EarlyStoppingMode#DECAY_THEN_STOP},
 * {@link DecayThenStop}). It comes after the {@link HistoryTrainingListener}, which gives
 * the epoch's figures, and before the {@link CheckpointTrainingListener}, so that the
 * epoch's checkpoint holds the decision ({@link #state()}).
 *
 * <p>
 * The training loop asks {@link #lastEpoch()} which epoch the run ends with. A resumed
 * run continues from the state its checkpoint kept; one whose checkpoint kept none
 * (written before early stopping existed) replays its finished epochs, whose figures are
 * in the history, when training begins.
 */
public class EarlyStoppingTrainingListener extends TrainingListenerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(EarlyStoppingTrainingListener.class);

    private final String pipeline;

    private final EarlyStopping stopping;

    private final HistoryTrainingListener history;

    private final ScheduledMomentumOptimizer optimizer;

    private final @Nullable ReplannableSchedules schedules;

    private final boolean replay;

    /**
     * Creates the listener.
     * @param pipeline the name messages start with
     * @param stopping the decision, with the state a resumed run restored
     * @param history the finished epochs
     * @param optimizer gives the updates done and T
     * @param schedules the run's schedules to re-plan; required in
     * {@link EarlyStoppingMode#DECAY_THEN_STOP}
     * @param restored whether the state was restored from a checkpoint (otherwise the
     * finished epochs of {@code history}, if any, are replayed)
     */
    public EarlyStoppingTrainingListener(String pipeline, EarlyStopping stopping, HistoryTrainingListener history,
            ScheduledMomentumOptimizer optimizer, @Nullable ReplannableSchedules schedules, boolean restored) {
        if (stopping.settings().mode() == EarlyStoppingMode.DECAY_THEN_STOP && schedules == null) {
            throw new IllegalArgumentException("decay-then-stop needs the run's ReplannableSchedules");
        }
        this.pipeline = pipeline;
        this.stopping = stopping;
        this.history = history;
        this.optimizer = optimizer;
        this.schedules = schedules;
        this.replay = !restored;
        applyPlan();
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        if (replay) {
            for (EpochSummary epoch : history.history()) {
                check(epoch, (long) epoch.epoch() * history.batchesPerEpoch(), false);
            }
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        history.last().ifPresent(epoch -> check(epoch, optimizer.getUpdatesDone(), true));
    }

    private void check(EpochSummary epoch, long updatesDone, boolean log) {
        Optional<String> reason = stopping.check(epoch.epoch(), stopping.monitor().figureOf(epoch));
        if (reason.isEmpty()) {
            return;
        }
        long total = optimizer.getTotalUpdates();
        long end = updatesDone;
        if (stopping.settings().mode() == EarlyStoppingMode.DECAY_THEN_STOP) {
            end = Math.min(total, updatesDone + stopping.settings().decayEpochs() * history.batchesPerEpoch());
        }
        stopping.planEnd(updatesDone, end);
        applyPlan();
        if (log) {
            if (end == updatesDone) {
                logger.info("{}: stopping early after epoch {} of {}: {}", pipeline, epoch.epoch(), history.epochs(),
                        reason.get());
            }
            else {
                logger.info(
                        "{}: stopping early after epoch {} of {}: {}; first decaying β (and the learning rate's "
                                + "schedule) to its end over updates {} to {}, epoch {}",
                        pipeline, epoch.epoch(), history.epochs(), reason.get(), updatesDone, end, lastEpoch());
            }
        }
    }

    /** Re-plans the schedules for a decided stop that decays first; nothing otherwise. */
    private void applyPlan() {
        EarlyStoppingState state = stopping.state();
        if (schedules != null && state.decided() && state.endUpdate() > state.stopUpdate()
                && state.endUpdate() < optimizer.getTotalUpdates() && schedules.plan() == null) {
            schedules.replan(new DecayThenStop(state.stopUpdate(), state.endUpdate()));
        }
    }

    /**
     * Returns the epoch the run ends with.
     * @return the planned epochs until a stop is decided; then the epoch whose last
     * update is T'
     */
    public int lastEpoch() {
        EarlyStoppingState state = stopping.state();
        if (!state.decided()) {
            return history.epochs();
        }
        return (int) (state.endUpdate() / history.batchesPerEpoch());
    }

    /**
     * Returns where the checks stand, for a checkpoint.
     * @return the state
     */
    public EarlyStoppingState state() {
        return stopping.state();
    }

    /**
     * Returns the decision with its settings.
     * @return the decision
     */
    public EarlyStopping stopping() {
        return stopping;
    }

}
