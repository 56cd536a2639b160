package dev.demon.spring.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The training meters of every pipeline, as a Micrometer {@link MeterBinder}: bound to
 * the application's registry once, it registers each pipeline's {@link PipelineMeters}
 * when the pipeline is first asked for, so that only pipelines that train show up in
 * Prometheus.
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
     * The meters of a pipeline, registered with every registry this binder is bound to;
     * the same object for the same tags.
     * @param pipeline the pipeline's name, tag {@code pipeline}
     * @param optimizer {@code sgdm} or {@code adam}, tag {@code optimizer}
     * @param schedule the momentum schedule's name, tag {@code schedule}
     * @return the pipeline's meters
     */
    public synchronized PipelineMeters forPipeline(String pipeline, String optimizer, String schedule) {
        return pipelines.computeIfAbsent(List.of(pipeline, optimizer, schedule), tags -> {
            PipelineMeters meters = new PipelineMeters(pipeline, optimizer, schedule);
            registries.forEach(meters::bindTo);
            return meters;
        });
    }

}
