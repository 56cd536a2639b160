package dev.demon.spring.training;

import java.util.function.IntFunction;

import ai.djl.TrainingDivergedException;
import ai.djl.training.Trainer;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;

import org.jspecify.annotations.Nullable;

import dev.demon.optim.ScheduledMomentumOptimizer;

/**
 * Stops training with DJL's {@link TrainingDivergedException} when a training batch's
 * loss or an epoch's validation loss is NaN or infinite, naming where: the epoch, the
 * batch, the update and, in a Spring Batch job, the step. DJL's own
 * {@code DivergenceCheckTrainingListener} catches NaN only and says nothing of where.
 *
 * <p>
 * A training batch is checked in {@code onTrainingBatch}, which DJL fires before
 * {@code trainer.step()}: the diverged batch's update is never applied. It comes before
 * the {@link HistoryTrainingListener}, so a diverged epoch is not recorded as finished.
 */
public class FiniteLossTrainingListener extends TrainingListenerAdapter {

    private final String pipeline;

    private final HistoryTrainingListener history;

    private final ScheduledMomentumOptimizer optimizer;

    private final @Nullable IntFunction<String> stepNames;

    private final boolean checkpointed;

    /**
     * Creates the check.
     * @param pipeline the name that messages start with
     * @param history where training stands
     * @param optimizer gives the update count and T
     * @param stepNames the Spring Batch step of each epoch, or null outside a job
     * @param checkpointed whether every finished epoch has a checkpoint, which messages
     * then name
     */
    public FiniteLossTrainingListener(String pipeline, HistoryTrainingListener history,
            ScheduledMomentumOptimizer optimizer, @Nullable IntFunction<String> stepNames, boolean checkpointed) {
        this.pipeline = pipeline;
        this.history = history;
        this.optimizer = optimizer;
        this.stepNames = stepNames;
        this.checkpointed = checkpointed;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        float loss = trainer.getLoss().getAccumulator(EvaluatorTrainingListener.TRAIN_ALL);
        if (!Float.isFinite(loss)) {
            // The history has not counted this batch yet, nor the optimizer applied its
            // update.
            throw diverged(String.format("the loss of batch %d of %d is %s at update %d of %d",
                    history.batchesThisEpoch() + 1, history.batchesPerEpoch(), loss, optimizer.getUpdatesDone() + 1,
                    optimizer.getTotalUpdates()));
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        float loss = history.validationLoss();
        if (history.validationBatches() > 0 && !Float.isFinite(loss)) {
            throw diverged(String.format("the validation loss is %s after update %d of %d", loss,
                    optimizer.getUpdatesDone(), optimizer.getTotalUpdates()));
        }
    }

    private TrainingDivergedException diverged(String what) {
        int epoch = history.epoch();
        String step = stepNames != null ? " in step " + stepNames.apply(epoch) : "";
        StringBuilder message = new StringBuilder(String.format("Training of %s diverged%s (epoch %d of %d): %s",
                pipeline, step, epoch, history.epochs(), what));
        if (checkpointed) {
            message.append(epoch > 1 ? "; the checkpoint of epoch " + (epoch - 1) + " is kept"
                    : "; no checkpoint had been written yet");
        }
        return new TrainingDivergedException(message.toString());
    }

}
