package dev.demon.benchmarks.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.demon.benchmarks.stats.Samples;

/**
 * One side of the scale benchmark ({@link SweepScale}): a sweep whose trials one process
 * trained (the sweep's own, concurrency 1) or a manager's workers did, its trial steps
 * from the JobRepository, and which process trained each trial.
 *
 * <p>
 * The sweep's time is its job execution's start to end. It splits into the time before
 * the first trial step starts (the sweep's launch, the partitioning, a request's way to a
 * worker), the trial steps themselves, the gaps between one process's consecutive trials
 * (a trial's end recorded, the next one taken and claimed) and the time after the last
 * trial step ends (the manager seeing it at its next poll, the results step).
 *
 * @param label how the report names the side
 * @param result the measured process's figures ({@code side.txt})
 * @param trials the sweep's trial steps, by start
 * @param trainedBy the name of the process that trained each trial, by trial
 * @param loadBefore the load averages before the side's processes started
 * @param loadAfter the load averages when its sweep had ended
 */
public record ScaleSide(String label, SideResult result, List<TrialStep> trials, Map<String, String> trainedBy,
        LoadAverage loadBefore, LoadAverage loadAfter) {

    /**
     * @return the sweep job's start-to-end seconds
     */
    public double sweepSeconds() {
        return result.jobSeconds();
    }

    /**
     * @return the trial steps' start-to-end seconds
     */
    public Samples trialSeconds() {
        return Samples.of(trials.stream().map(TrialStep::seconds).toList());
    }

    /**
     * @return seconds from the sweep's start to its first trial step's
     */
    public double beforeFirstTrial() {
        return trials.stream().mapToDouble(TrialStep::startSecond).min().orElseThrow();
    }

    /**
     * @return seconds from the last trial step's end to the sweep's
     */
    public double afterLastTrial() {
        return sweepSeconds() - trials.stream().mapToDouble(TrialStep::endSecond).max().orElseThrow();
    }

    /**
     * The time per trial once trials follow each other: with one process, the sweep's
     * time less the time before the first and after the last trial, per trial (a trial
     * step and the gap to the next).
     * @return seconds per trial
     */
    public double steadySecondsPerTrial() {
        return (sweepSeconds() - beforeFirstTrial() - afterLastTrial()) / trials.size();
    }

    /**
     * @return the names of the processes that trained trials, sorted
     */
    public List<String> processes() {
        return List.copyOf(new TreeSet<>(trainedBy.values()));
    }

    /**
     * @param process a process's name
     * @return the share of the sweep's time its trial steps took
     */
    public double busyFraction(String process) {
        return ownTrials(process).stream().mapToDouble(TrialStep::seconds).sum() / sweepSeconds();
    }

    /**
     * @return from one trial step's end to the next one's start of the same process, over
     * every process
     */
    public List<Double> gapsBetweenTrials() {
        List<Double> gaps = new ArrayList<>();
        for (String process : processes()) {
            List<TrialStep> own = ownTrials(process);
            for (int next = 1; next < own.size(); next++) {
                gaps.add(own.get(next).startSecond() - own.get(next - 1).endSecond());
            }
        }
        return gaps;
    }

    private List<TrialStep> ownTrials(String process) {
        return trials.stream().filter(step -> process.equals(trainedBy.get(step.trial()))).toList();
    }

}
