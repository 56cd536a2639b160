package dev.demon.spring.sweep;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The partitions of a sweep's trials, as a JobRepository holds them: Spring Batch names
 * each partition's step execution {@code <worker step>:<partition key>}
 * ({@code SimpleStepExecutionSplitter}), so trial {@code trial-0003} of the worker step
 * {@code lr-trial} runs as {@code lr-trial:trial-0003}. A trial that a restart ran again
 * has one execution per job execution that ran it; the latest one says where it stands.
 */
public final class TrialExecutions {

    private static final Pattern TRIAL = Pattern.compile("trial-(\\d+)");

    private TrialExecutions() {
    }

    /**
     * The latest step execution of each trial of a sweep's job instance, over all its job
     * executions.
     * @param jobRepository the sweep's JobRepository
     * @param instance the sweep job's instance
     * @param trialStepName the worker step, {@code <sweep>-trial}
     * @return trial key to its latest partition execution, with its execution context, in
     * trial order ({@code trial-0002} before {@code trial-0010})
     */
    public static Map<String, StepExecution> latest(JobRepository jobRepository, JobInstance instance,
            String trialStepName) {
        Pattern partition = Pattern.compile(Pattern.quote(trialStepName + ":") + "(" + TRIAL.pattern() + ")");
        Map<String, StepExecution> latest = new TreeMap<>(
                Comparator.comparingLong(TrialExecutions::numberOf).thenComparing(Comparator.naturalOrder()));
        for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
            for (StepExecution step : execution.getStepExecutions()) {
                Matcher matcher = partition.matcher(step.getStepName());
                if (matcher.matches()) {
                    latest.merge(matcher.group(1), step, (kept, other) -> other.getId() > kept.getId() ? other : kept);
                }
            }
        }
        return new LinkedHashMap<>(latest);
    }

    /**
     * Where each trial of a sweep's job instance stands, from its latest partition
     * execution.
     * @param jobRepository the sweep's JobRepository
     * @param instance the sweep job's instance
     * @param trialStepName the worker step, {@code <sweep>-trial}
     * @return each trial's outcome, in trial order
     */
    public static List<TrialOutcome> outcomes(JobRepository jobRepository, JobInstance instance, String trialStepName) {
        return latest(jobRepository, instance, trialStepName).entrySet()
            .stream()
            .map(partition -> TrialOutcome.of(partition.getKey(), partition.getValue()))
            .toList();
    }

    /**
     * Where each trial of a sweep's latest job instance stands.
     * @param jobRepository the sweep's JobRepository
     * @param sweep the sweep
     * @return each trial's outcome, in trial order; none before the sweep's first run
     */
    public static List<TrialOutcome> latestOutcomes(JobRepository jobRepository, SweepSummary sweep) {
        JobInstance instance = jobRepository.getLastJobInstance(sweep.sweep());
        return (instance != null) ? outcomes(jobRepository, instance, sweep.trialStepName()) : List.of();
    }

    private static long numberOf(String trial) {
        Matcher matcher = TRIAL.matcher(trial);
        // Keys come from the pattern above: always a number, at most the grid's 10 000.
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
    }

}
