package dev.demon.spring.training;

import java.util.List;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.progress.LiveTraining;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.report.EpochSummary;

/**
 * Publishes where the training stands to {@link LiveTrainings} after every batch and
 * every epoch, for the training page. It comes after the {@link HistoryTrainingListener},
 * which it reads. A batch publishes one small record; the history is copied only when an
 * epoch ends.
 *
 * <p>
 * The time left is the updates left at the rate of this process's training so far: (T −
 * u) · elapsed / (u − u₀), with u the updates done, u₀ those done when it began here (a
 * resumed run's restored ones) and elapsed the time since it began, validation included.
 */
public class LiveTrainingListener extends TrainingListenerAdapter {

    private final String pipeline;

    private final LiveTrainings live;

    private final HistoryTrainingListener history;

    private final ScheduledMomentumOptimizer optimizer;

    private final String optimizerName;

    private List<EpochSummary> finished;

    private long began;

    private long updatesAtBegin;

    /**
     * Creates the feed.
     * @param pipeline the pipeline's name
     * @param live where to publish
     * @param history where training stands
     * @param optimizer gives the updates done, β and η
     */
    public LiveTrainingListener(String pipeline, LiveTrainings live, HistoryTrainingListener history,
            ScheduledMomentumOptimizer optimizer) {
        this.pipeline = pipeline;
        this.live = live;
        this.history = history;
        this.optimizer = optimizer;
        this.optimizerName = optimizer.name();
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        began = System.nanoTime();
        updatesAtBegin = optimizer.getUpdatesDone();
        finished = List.copyOf(history.history());
        publish(true);
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        publish(true);
    }

    @Override
    public void onEpoch(Trainer trainer) {
        finished = List.copyOf(history.history());
        publish(true);
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        publish(false);
    }

    private void publish(boolean running) {
        long updatesDone = optimizer.getUpdatesDone();
        long totalUpdates = optimizer.getTotalUpdates();
        long trainedHere = updatesDone - updatesAtBegin;
        Double secondsLeft = trainedHere > 0
                ? (totalUpdates - updatesDone) * ((System.nanoTime() - began) / 1e9) / trainedHere : null;
        live.publish(new LiveTraining(pipeline, running, optimizerName, optimizer.getMomentumSchedule(),
                history.epochs(), updatesDone, totalUpdates, optimizer.currentMomentum(),
                optimizer.currentLearningRate(), history.trainLoss(), history.trainAccuracy(), finished, secondsLeft));
    }

}
