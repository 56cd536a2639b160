package dev.demon.spring.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersIncrementer;
import org.springframework.batch.core.job.parameters.RunIdIncrementer;

import dev.demon.spring.job.RecordingIncrementer;
import dev.demon.spring.report.TrainingConfiguration;

/**
 * The parameters of a sweep's new run: the next {@code run.id}, which makes it a new job
 * instance, and what the run starts with as non-identifying String parameters, as a
 * training job records its configuration: the sweep's definition
 * ({@link SweepDefinition#recorded()}) and the configuration its trials start from, the
 * pipeline's without any trial's parameters. A start whose values differ from an
 * unfinished run's is refused by name instead of resuming it.
 */
public class SweepRunIncrementer implements RecordingIncrementer {

    private final JobParametersIncrementer runIds = new RunIdIncrementer();

    private final SweepDefinition definition;

    private final Supplier<TrainingConfiguration> base;

    /**
     * Creates the incrementer of a sweep's job.
     * @param definition the sweep's definition
     * @param base the configuration of the sweep's pipeline before any trial's
     * parameters, asked for at each new run (it loads the engine)
     */
    public SweepRunIncrementer(SweepDefinition definition, Supplier<TrainingConfiguration> base) {
        this.definition = definition;
        this.base = base;
    }

    /**
     * The sweep's definition, then the base configuration by property.
     * @return value by property
     */
    @Override
    public Map<String, String> recorded() {
        Map<String, String> recorded = new LinkedHashMap<>(definition.recorded());
        recorded.putAll(base.get().byProperty());
        return recorded;
    }

    @Override
    public JobParameters getNext(JobParameters previous) {
        // As for a training job: this run's values replace those the previous run's
        // parameters carry over.
        JobParametersBuilder next = new JobParametersBuilder(runIds.getNext(previous));
        recorded().forEach((property, value) -> next.addString(property, value, false));
        return next.toJobParameters();
    }

}
