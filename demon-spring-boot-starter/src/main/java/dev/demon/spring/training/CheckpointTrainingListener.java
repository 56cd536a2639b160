package dev.demon.spring.training;

import java.io.IOException;
import java.io.UncheckedIOException;

import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

import org.jspecify.annotations.Nullable;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.checkpoint.Checkpoint;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.checkpoint.EpochProgress;
import dev.demon.spring.checkpoint.TrainingState;
import dev.demon.spring.report.EpochSummary;

/**
 * Writes a checkpoint after every finished epoch, and inside one when the training loop
 * asks ({@link #saveProgress}): the model's parameters, the optimizer's whole state and
 * the {@link HistoryTrainingListener}'s history, which it must come after. The best
 * epoch's checkpoint is kept too, so its parameters survive a crash and a resume. DJL's
 * {@code SaveModelTrainingListener} saves parameters only, which is not enough to resume
 * Demon: β_t depends on the update counter and the momentum buffers.
 */
public class CheckpointTrainingListener extends TrainingListenerAdapter {

    private final String pipeline;

    private final CheckpointStore checkpoints;

    private final HistoryTrainingListener history;

    private final ScheduledMomentumOptimizer optimizer;

    private final ModelMonitor monitor;

    private final @Nullable EarlyStoppingTrainingListener earlyStopping;

    /**
     * Creates the listener.
     * @param pipeline the pipeline the checkpoints belong to
     * @param checkpoints where they go
     * @param history the epochs finished
     * @param optimizer whose state is saved
     * @param monitor picks the best epoch, whose checkpoint is kept beside the newest
     * ones
     */
    public CheckpointTrainingListener(String pipeline, CheckpointStore checkpoints, HistoryTrainingListener history,
            ScheduledMomentumOptimizer optimizer, ModelMonitor monitor) {
        this(pipeline, checkpoints, history, optimizer, monitor, null);
    }

    /**
     * Creates the listener of a run with early stopping, whose state every checkpoint
     * keeps.
     * @param pipeline the pipeline the checkpoints belong to
     * @param checkpoints where they go
     * @param history the epochs finished
     * @param optimizer whose state is saved
     * @param monitor picks the best epoch
     * @param earlyStopping the run's early stopping, or null for none
     */
    public CheckpointTrainingListener(String pipeline, CheckpointStore checkpoints, HistoryTrainingListener history,
            ScheduledMomentumOptimizer optimizer, ModelMonitor monitor,
            @Nullable EarlyStoppingTrainingListener earlyStopping) {
        this.earlyStopping = earlyStopping;
        this.pipeline = pipeline;
        this.checkpoints = checkpoints;
        this.history = history;
        this.optimizer = optimizer;
        this.monitor = monitor;
    }

    @Override
    public void onEpoch(Trainer trainer) {
        save(trainer, null);
    }

    /**
     * Writes a checkpoint inside the running epoch, after the update of its latest batch:
     * a training loop calls it between batches (DJL's listeners have no event after an
     * update), at a checkpoint interval or before it stops.
     * @param trainer the trainer
     */
    public void saveProgress(Trainer trainer) {
        save(trainer, history.progress());
    }

    private void save(Trainer trainer, EpochProgress progress) {
        Block block = trainer.getModel().getBlock();
        TrainingState state = new TrainingState(pipeline, history.epochsDone(), optimizer.getUpdatesDone(),
                optimizer.getTotalUpdates(), history.batchesPerEpoch(), Checkpoint.parameterIds(block),
                history.history(), progress, earlyStopping != null ? earlyStopping.state() : null);
        try {
            int best = monitor.best(state.history()).map(EpochSummary::epoch).orElse(0);
            checkpoints.save(Checkpoint.of(state, block, optimizer), best);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write the checkpoint " + state.position() + " of " + pipeline
                    + " in " + checkpoints.getFolder() + ": " + ex, ex);
        }
    }

}
