package dev.demon.spring.page;

import java.util.ArrayList;
import java.util.List;

import ai.djl.training.tracker.Tracker;

import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.report.EpochSummary;

/**
 * β_t and η_t over a run's updates t = 0 … T − 1, on one axis: the picture of Demon.
 *
 * <p>
 * They are computed, not recorded: the optimizer takes β_t = schedule.momentum(t, T) (t
 * the updates a parameter has received, every parameter being updated once per batch) and
 * η_t = tracker(t + 1) (DJL numbers updates from 1), and both are functions of t and the
 * run's configuration alone, so evaluating the same schedule and a new tracker of the
 * same factory gives exactly the values the run used, for every update: before a resume,
 * of a finished run read from {@code report.json}, and still to come. Recording them
 * would cost memory and a write per update for what the configuration already says. The
 * exception is {@code plateau}, whose η depends on the validation losses: it changes only
 * when an epoch ends, so η_t is the η the epoch of t ended with (its
 * {@link EpochSummary#learningRate()}), the latest η for the running epoch, and unknown
 * after it.
 *
 * <p>
 * A run of at most {@link #MAX_POINTS} updates has a point per update; a longer one has
 * {@link #MAX_POINTS} points at evenly spaced updates, first and last included, each with
 * the exact value at its update.
 *
 * @param update the updates t of the points, increasing
 * @param momentum β_t at each point, null where the schedule is unknown
 * @param learningRate η_t at each point, null where it is unknown
 */
public record UpdateCurves(List<Long> update, List<Float> momentum, List<Float> learningRate) {

    /** At most this many points, whatever T. */
    public static final int MAX_POINTS = 2000;

    /**
     * Computes the curves of a run.
     * @param totalUpdates T &gt; 0
     * @param epochs the planned epochs, which divide T
     * @param schedule the run's momentum schedule, or null when unknown
     * @param learningRates the factory of the run's learning-rate tracker, or null when
     * unknown
     * @param history the run's finished epochs, for {@code plateau}
     * @param latestLearningRate η of the latest update, for {@code plateau}'s running
     * epoch
     * @param updatesDone the updates done, for {@code plateau}'s running epoch
     * @return the curves
     */
    public static UpdateCurves of(long totalUpdates, int epochs, MomentumSchedule schedule,
            LearningRateTrackerFactory learningRates, List<EpochSummary> history, float latestLearningRate,
            long updatesDone) {
        List<Long> updates = sample(totalUpdates);
        List<Float> momentum = new ArrayList<>(updates.size());
        List<Float> learningRate = new ArrayList<>(updates.size());
        Tracker tracker = (learningRates != null && learningRates.getSchedule() != LearningRateScheduleType.PLATEAU)
                ? learningRates.create(totalUpdates) : null;
        for (long t : updates) {
            momentum.add(schedule != null ? schedule.momentum(t, totalUpdates) : null);
            if (tracker != null) {
                // In increasing t: DJL's MultiFactorTracker counts its milestones as it
                // goes.
                learningRate.add(tracker.getNewValue(Math.toIntExact(t + 1)));
            }
            else if (learningRates != null) {
                learningRate.add(plateau(t / (totalUpdates / epochs), t, history, latestLearningRate, updatesDone));
            }
            else {
                learningRate.add(null);
            }
        }
        return new UpdateCurves(updates, momentum, learningRate);
    }

    /** η_t under plateau, t in the 0-based epoch {@code epoch}. */
    private static Float plateau(long epoch, long t, List<EpochSummary> history, float latestLearningRate,
            long updatesDone) {
        if (epoch < history.size()) {
            return history.get((int) epoch).learningRate();
        }
        return t < updatesDone ? latestLearningRate : null;
    }

    /**
     * No curves: a run that has no T yet.
     * @return empty curves
     */
    public static UpdateCurves none() {
        return new UpdateCurves(List.of(), List.of(), List.of());
    }

    /** t = 0 … T − 1, or MAX_POINTS of them evenly spaced, first and last included. */
    static List<Long> sample(long totalUpdates) {
        int points = (int) Math.min(totalUpdates, MAX_POINTS);
        List<Long> updates = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            updates.add(points == totalUpdates ? i : i * (totalUpdates - 1) / (points - 1));
        }
        return updates;
    }

}
