package dev.demon.spring.job;

import java.time.Duration;

import ai.djl.training.util.ProgressBar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.demon.spring.report.EpochSummary;

/**
 * Tells a person what training is doing: one INFO line per finished epoch (epoch/epochs, training
 * and validation loss and accuracy, β, learning rate, samples/s and the time left), and, only
 * when the output is a terminal ({@link System#console()} is not null), DJL's progress bar over the
 * batches of the running epoch.
 */
class EpochProgress {

    private static final Logger logger = LoggerFactory.getLogger(EpochProgress.class);

    private final String pipeline;
    private final int epochs;
    private final boolean terminal;
    private ProgressBar bar;
    private long epochsTimed;
    private long nanosPerEpochTotal;

    EpochProgress(String pipeline, int epochs) {
        this.pipeline = pipeline;
        this.epochs = epochs;
        this.terminal = System.console() != null;
    }

    void epochStarted(int epoch, long batches) {
        if (terminal) {
            bar = new ProgressBar(pipeline + " epoch " + epoch + "/" + epochs, batches);
        }
    }

    void batchTrained(long batchIndex, float runningLoss) {
        if (bar != null) {
            bar.update(batchIndex, String.format("loss %.4f", runningLoss));
        }
    }

    void epochFinished(EpochSummary summary, Duration took) {
        bar = null;
        epochsTimed++;
        nanosPerEpochTotal += took.toNanos();
        Duration left = Duration.ofNanos(nanosPerEpochTotal / epochsTimed * (epochs - summary.epoch()));
        logger.info("{} epoch {}/{}: train loss {} acc {}, validation loss {} acc {}, β {}, lr {}, {} samples/s, "
                + "time left {}", pipeline, summary.epoch(), epochs, format(summary.trainLoss()),
                format(summary.trainAccuracy()), format(summary.validationLoss()),
                format(summary.validationAccuracy()), format(summary.momentum()),
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
