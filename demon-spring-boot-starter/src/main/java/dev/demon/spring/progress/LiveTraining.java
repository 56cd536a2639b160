package dev.demon.spring.progress;

import java.util.List;

import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.report.EpochSummary;

/**
 * Where one pipeline's training in this process stands, as of its latest batch: an
 * immutable snapshot that the training thread publishes to {@link LiveTrainings} and any
 * other thread may read.
 *
 * @param pipeline the pipeline, also the job's name
 * @param running true from the training's start until its end (the job's report is
 * written before it ends)
 * @param optimizer sgdm or adam
 * @param schedule the momentum schedule the optimizer evaluates, β_t =
 * schedule.momentum(t, T)
 * @param epochs the planned number of epochs
 * @param updatesDone optimizer updates applied so far, restored ones included
 * @param totalUpdates T, the planned number of updates
 * @param momentum β of the latest update
 * @param learningRate η of the latest update
 * @param trainLoss training loss running over the current epoch, NaN before its first
 * batch
 * @param trainAccuracy training accuracy running over the current epoch, NaN before its
 * first batch or without an accuracy evaluator
 * @param history one summary per finished epoch, restored ones included
 * @param secondsLeft the updates left at the rate this process has trained so far
 * (validation included), null before its first update
 */
public record LiveTraining(String pipeline, boolean running, String optimizer, MomentumSchedule schedule, int epochs,
        long updatesDone, long totalUpdates, float momentum, float learningRate, float trainLoss, float trainAccuracy,
        List<EpochSummary> history, Double secondsLeft) {

    /**
     * The epoch running, or the last one when all are finished.
     * @return 1-based
     */
    public int epoch() {
        return Math.min(history.size() + 1, epochs);
    }

}
