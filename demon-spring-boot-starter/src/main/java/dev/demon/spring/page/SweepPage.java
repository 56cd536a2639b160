package dev.demon.spring.page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.batch.core.repository.JobRepository;

import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.sweep.ObjectiveDirection;
import dev.demon.spring.sweep.SweepSummary;
import dev.demon.spring.sweep.TrialExecutions;
import dev.demon.spring.sweep.TrialOutcome;

/**
 * What the training page shows of each sweep: the trials of the sweep job's latest
 * instance as the JobRepository holds them, each from its latest partition execution
 * ({@link TrialExecutions}), so a sweep training in another process sharing the
 * JobRepository, or one that ended before this process started, shows as well as one
 * training here. Only figures, names, parameters and statuses: no path or host.
 */
public class SweepPage {

    private final Map<String, SweepSummary> sweeps = new LinkedHashMap<>();

    private final JobRepository jobRepository;

    /**
     * Creates the page's model of the sweeps.
     * @param sweeps the application's sweeps, in the order to show them
     * @param jobRepository where their jobs record their trials
     */
    public SweepPage(List<SweepSummary> sweeps, JobRepository jobRepository) {
        sweeps.forEach(sweep -> this.sweeps.put(sweep.sweep(), sweep));
        this.jobRepository = jobRepository;
    }

    /**
     * Every sweep's line.
     * @return a line per sweep, in the declared order
     */
    public List<SweepOverview> sweeps() {
        return sweeps.values().stream().map(sweep -> overview(sweep, outcomes(sweep))).toList();
    }

    /**
     * One sweep's trials and heatmap.
     * @param sweep the sweep's name
     * @return its details, empty for a name that is no sweep
     */
    public Optional<SweepDetails> sweep(String sweep) {
        return Optional.ofNullable(sweeps.get(sweep)).map(summary -> {
            List<TrialOutcome> outcomes = outcomes(summary);
            return new SweepDetails(overview(summary, outcomes),
                    outcomes.stream().map(outcome -> TrialFigures.of(outcome, summary.objective())).toList(),
                    SweepHeatmap.of(outcomes, summary.objective()).orElse(null));
        });
    }

    private static SweepOverview overview(SweepSummary sweep, List<TrialOutcome> outcomes) {
        Map<String, Integer> statuses = new TreeMap<>();
        outcomes.forEach(outcome -> statuses.merge(outcome.status(), 1, Integer::sum));
        return new SweepOverview(sweep.sweep(), sweep.pipeline(), sweep.search(), PropertyValues.of(sweep.objective()),
                PropertyValues.of(ObjectiveDirection.of(sweep.objective())), statuses);
    }

    private List<TrialOutcome> outcomes(SweepSummary sweep) {
        return TrialExecutions.latestOutcomes(jobRepository, sweep);
    }

}
