package dev.demon.spring.training;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;

import dev.demon.spring.report.EpochSummary;
import dev.demon.tracker.ReduceOnPlateauTracker;

/**
 * Feeds a {@link ReduceOnPlateauTracker} the validation loss of every finished epoch,
 * which is what makes {@code demon.learning-rate.schedule=plateau} reduce η. It comes
 * after the {@link HistoryTrainingListener} and reads the epoch's summary, taken before
 * DJL's evaluators reset.
 *
 * <p>
 * The tracker is a pure function of the losses it was fed, so a resumed training replays
 * the restored epochs into it when training begins.
 */
public class PlateauTrainingListener extends TrainingListenerAdapter {

    private final ReduceOnPlateauTracker tracker;

    private final HistoryTrainingListener history;

    /**
     * Creates the feed.
     * @param tracker the optimizer's learning-rate tracker
     * @param history gives each epoch's validation loss
     */
    public PlateauTrainingListener(ReduceOnPlateauTracker tracker, HistoryTrainingListener history) {
        this.tracker = tracker;
        this.history = history;
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        history.history().forEach(this::feed);
    }

    @Override
    public void onEpoch(Trainer trainer) {
        history.last().ifPresent(this::feed);
    }

    private void feed(EpochSummary epoch) {
        // Without a validation set there is no loss to watch.
        if (Float.isFinite(epoch.validationLoss())) {
            tracker.onValidationLoss(epoch.validationLoss());
        }
    }

}
