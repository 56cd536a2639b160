package dev.demon.spring.job;

import java.util.List;

/**
 * Thrown at start-up when {@code demon.pipelines.<name>.*} is set for a name that is no
 * {@code @TrainingPipeline}: its settings would otherwise be silently ignored. It names
 * the unknown names and lists the pipelines there are.
 */
public class UnknownPipelineException extends IllegalStateException {

    private final List<String> unknown;

    private final List<String> pipelines;

    /**
     * Creates the exception.
     * @param unknown the names under {@code demon.pipelines} that are no pipeline, sorted
     * @param pipelines the names of the pipelines there are, sorted
     */
    public UnknownPipelineException(List<String> unknown, List<String> pipelines) {
        super("demon.pipelines names no pipeline: " + unknown + "; pipelines: " + pipelines);
        this.unknown = List.copyOf(unknown);
        this.pipelines = List.copyOf(pipelines);
    }

    /**
     * Returns the names under {@code demon.pipelines} that are no pipeline.
     * @return the names, sorted
     */
    public List<String> getUnknown() {
        return unknown;
    }

    /**
     * Returns the pipelines there are.
     * @return their names, sorted
     */
    public List<String> getPipelines() {
        return pipelines;
    }

}
