package dev.demon.spring.training;

import java.time.Duration;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.util.ProgressBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.report.EpochSummary;

/**
 * Tells a person what training is doing: one INFO line per finished epoch (epoch/epochs,
 * training and validation loss and accuracy (the accuracy only with an accuracy
 * evaluator), β, learning rate, samples/s and the time left), and, only when the output
 * is a terminal ({@link System#console()} is not null), DJL's progress bar over the
 * batches of the running epoch. It comes after the {@link HistoryTrainingListener}.
 */
public class EpochLoggingTrainingListener extends TrainingListenerAdapter {

    private static final Logger logger = LoggerFactory.getLogger(EpochLoggingTrainingListener.class);

    private final String pipeline;

    private final HistoryTrainingListener history;

    private final boolean terminal = System.console() != null;

    private @Nullable ProgressBar bar;

    private long epochStarted;

    private long epochsTimed;

    private long nanosPerEpochTotal;

    /**
     * Creates the log.
     * @param pipeline the name each line starts with
     * @param history where training stands
     */
    public EpochLoggingTrainingListener(String pipeline, HistoryTrainingListener history) {
        this.pipeline = pipeline;
        this.history = history;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        if (epochStarted == 0) {
            // The epoch's first batch in this process: an epoch resumed mid-way starts
            // after batch 1.
            epochStarted = System.nanoTime() - history.lastBatchDuration().toNanos();
            if (terminal) {
                bar = new ProgressBar(pipeline + " epoch " + history.epoch() + "/" + history.epochs(),
                        history.batchesPerEpoch());
            }
        }
        if (bar != null) {
            bar.update(history.batchesThisEpoch() - 1, String.format("loss %.4f", history.trainLoss()));
        }
    }

    @Override
    public void onEpoch(Trainer trainer) {
        bar = null;
        history.last().ifPresent(summary -> {
            epochsTimed++;
            nanosPerEpochTotal += System.nanoTime() - epochStarted;
            log(summary, Duration.ofNanos(nanosPerEpochTotal / epochsTimed * (history.epochs() - summary.epoch())));
        });
        epochStarted = 0;
    }

    private void log(EpochSummary summary, Duration left) {
        // A pipeline without an accuracy evaluator has no accuracy to tell: no "acc NaN".
        boolean accuracy = history.measuresAccuracy();
        logger.info("{} epoch {}/{}: train loss {}{}, validation loss {}{}, β {}, lr {}, {} samples/s, time left {}",
                pipeline, summary.epoch(), history.epochs(), format(summary.trainLoss()),
                accuracy ? " acc " + format(summary.trainAccuracy()) : "", format(summary.validationLoss()),
                accuracy ? " acc " + format(summary.validationAccuracy()) : "", format(summary.momentum()),
                String.format("%.3g", summary.learningRate()), String.format("%.0f", summary.samplesPerSecond()),
                format(left));
    }

    private static String format(float value) {
        return String.format("%.4f", value);
    }

    private static String format(Duration duration) {
        return String.format("%d:%02d:%02d", duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }

}
