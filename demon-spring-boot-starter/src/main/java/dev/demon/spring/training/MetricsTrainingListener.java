package dev.demon.spring.training;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.spring.metrics.PipelineMeters;

/**
 * Feeds a pipeline's {@link PipelineMeters}: the β and η gauges follow the optimizer
 * (they read it when scraped, so they show the update that {@code trainer.step()} applied
 * after {@code onTrainingBatch}), the counters and the batch timer count every batch, the
 * loss and accuracy gauges take the {@link HistoryTrainingListener}'s values, which it
 * must come after. The accuracy gauges are added only for a training with an
 * {@link AccuracyEvaluator}.
 */
public class MetricsTrainingListener extends TrainingListenerAdapter {

    private final PipelineMeters meters;

    private final HistoryTrainingListener history;

    private final ScheduledMomentumOptimizer optimizer;

    /**
     * Creates the feed.
     * @param meters the pipeline's meters
     * @param history where training stands
     * @param optimizer the optimizer the β and η gauges read
     */
    public MetricsTrainingListener(PipelineMeters meters, HistoryTrainingListener history,
            ScheduledMomentumOptimizer optimizer) {
        this.meters = meters;
        this.history = history;
        this.optimizer = optimizer;
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        meters.follow(optimizer);
        if (history.measuresAccuracy()) {
            meters.measureAccuracy();
        }
        // A resumed training shows where it stands before its first batch.
        meters.epoch(history.epochsDone());
        history.last().ifPresent(last -> meters.validated(last.validationLoss(), last.validationAccuracy()));
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        meters.epoch(history.epoch());
        meters.batchTrained(history.lastBatchDuration(), batchData.getBatch().getSize(), history.trainLoss(),
                history.trainAccuracy());
    }

    @Override
    public void onEpoch(Trainer trainer) {
        history.last().ifPresent(last -> {
            meters.epoch(last.epoch());
            meters.validated(last.validationLoss(), last.validationAccuracy());
        });
    }

}
