package dev.demon.spring.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;

import dev.demon.spring.sweep.SweepSummary;
import dev.demon.spring.sweep.TrialExecutions;
import dev.demon.spring.sweep.TrialOutcome;

/**
 * The trials of every sweep by status, as a Micrometer {@link MeterBinder}: the gauge
 * {@code demon.sweep.trials} (Prometheus {@code demon_sweep_trials}), tagged
 * {@code sweep} and {@code status}, one per status a trial can have (Spring Batch's, and
 * {@code PRUNED}), counting the trials of the sweep's latest run, 0 before it has one.
 *
 * <p>
 * Read from the JobRepository when scraped, so it counts the trials that other processes
 * sharing it train too; one scrape reads each sweep once, however many statuses it asks
 * for.
 */
public class SweepMetrics implements MeterBinder {

    /** The gauge's name. */
    public static final String TRIALS = "demon.sweep.trials";

    // Reads within this time of each other share one look at the JobRepository: a scrape
    // asks every status of a sweep in a row.
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final List<SweepSummary> sweeps;

    private final JobRepository jobRepository;

    private final Clock clock;

    private final Map<String, Counts> counts = new TreeMap<>();

    /**
     * Creates the meters of the given sweeps.
     * @param sweeps the application's sweeps
     * @param jobRepository where their trials are
     */
    public SweepMetrics(List<SweepSummary> sweeps, JobRepository jobRepository) {
        this(sweeps, jobRepository, Clock.systemUTC());
    }

    SweepMetrics(List<SweepSummary> sweeps, JobRepository jobRepository, Clock clock) {
        this.sweeps = List.copyOf(sweeps);
        this.jobRepository = jobRepository;
        this.clock = clock;
    }

    /**
     * The statuses a trial can have, each a gauge.
     * @return Spring Batch's statuses and {@code PRUNED}
     */
    public static List<String> statuses() {
        return Stream.concat(Stream.of(BatchStatus.values()).map(BatchStatus::name), Stream.of(TrialOutcome.PRUNED))
            .toList();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SweepSummary sweep : sweeps) {
            for (String status : statuses()) {
                Gauge.builder(TRIALS, this, metrics -> metrics.count(sweep, status))
                    .description("Trials of the sweep's latest run with this status")
                    .tag("sweep", sweep.sweep())
                    .tag("status", status)
                    .register(registry);
            }
        }
    }

    private synchronized double count(SweepSummary sweep, String status) {
        Instant now = clock.instant();
        Counts known = counts.get(sweep.sweep());
        if (known == null || known.read().plus(FRESH).isBefore(now)) {
            Map<String, Integer> byStatus = new TreeMap<>();
            TrialExecutions.latestOutcomes(jobRepository, sweep)
                .forEach(outcome -> byStatus.merge(outcome.status(), 1, Integer::sum));
            known = new Counts(now, byStatus);
            counts.put(sweep.sweep(), known);
        }
        return known.byStatus().getOrDefault(status, 0);
    }

    private record Counts(Instant read, Map<String, Integer> byStatus) {
    }

}
