package dev.demon.spring.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The training meters of every pipeline, as a Micrometer {@link MeterBinder}: bound to
 * the application's registry once, it registers each training's {@link PipelineMeters}
 * when it is first asked for, so that only pipelines that train show up in Prometheus.
 * The meters of a pipeline's own job, a {@code PipelineRun} or a hand-written loop are
 * {@link #forPipeline its own}; each trial of a sweep has {@link #forTrial its own}, told
 * apart by the tags {@code sweep} and {@code trial}, which are empty for the others
 * (every meter of a name has the same tag keys; Prometheus treats an empty label as
 * absent).
 *
 * <p>
 * Spring Boot binds every {@code MeterBinder} bean to its registry; the starter defines
 * this one only when there is a {@link MeterRegistry} bean. Without one the jobs train
 * without meters.
 */
public class TrainingMetrics implements MeterBinder {

    private final Map<List<String>, PipelineMeters> pipelines = new ConcurrentHashMap<>();

    private final List<MeterRegistry> registries = new ArrayList<>();

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        pipelines.values().forEach(meters -> meters.bindTo(registry));
    }

    /**
     * The meters of a pipeline trained outside any sweep, registered with every registry
     * this binder is bound to; the same object for the same tags. Their tags
     * {@code sweep} and {@code trial} are empty.
     * @param pipeline the pipeline's name, tag {@code pipeline}
     * @param optimizer {@code sgdm} or {@code adam}, tag {@code optimizer}
     * @param schedule the momentum schedule's name, tag {@code schedule}
     * @return the pipeline's meters
     */
    public PipelineMeters forPipeline(String pipeline, String optimizer, String schedule) {
        return forTrial(pipeline, optimizer, schedule, "", "");
    }

    /**
     * The meters of one trial of a sweep, registered with every registry this binder is
     * bound to; the same object for the same tags.
     * @param pipeline the sweep's pipeline, tag {@code pipeline}
     * @param optimizer {@code sgdm} or {@code adam}, tag {@code optimizer}
     * @param schedule the momentum schedule's name, tag {@code schedule}
     * @param sweep the sweep's name, tag {@code sweep}
     * @param trial the trial's key, e.g. {@code trial-0001}, tag {@code trial}
     * @return the trial's meters
     */
    public synchronized PipelineMeters forTrial(String pipeline, String optimizer, String schedule, String sweep,
            String trial) {
        return pipelines.computeIfAbsent(List.of(pipeline, optimizer, schedule, sweep, trial), tags -> {
            PipelineMeters meters = new PipelineMeters(pipeline, optimizer, schedule, sweep, trial);
            registries.forEach(meters::bindTo);
            return meters;
        });
    }

}
