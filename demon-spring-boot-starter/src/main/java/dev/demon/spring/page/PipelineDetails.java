package dev.demon.spring.page;

import java.util.List;

/**
 * Everything the page charts of one pipeline, as {@code GET /demon/api/pipelines/{name}}
 * answers it.
 *
 * @param summary its line, as in the list
 * @param history one entry per finished epoch: losses, accuracies, samples per second
 * @param updates β_t and η_t over the run's T updates
 * @param models the pipeline's model versions, the newest first: the champion served,
 * former champions and rejected challengers
 */
public record PipelineDetails(PipelineSummary summary, List<EpochFigures> history, UpdateCurves updates,
        List<ModelVersionLine> models) {

    /**
     * Details without model versions.
     * @param summary its line
     * @param history one entry per finished epoch
     * @param updates β_t and η_t over the run's T updates
     */
    public PipelineDetails(PipelineSummary summary, List<EpochFigures> history, UpdateCurves updates) {
        this(summary, history, updates, List.of());
    }

    /**
     * These details with the pipeline's model versions.
     * @param versions the versions, the newest first
     * @return a copy
     */
    public PipelineDetails withModels(List<ModelVersionLine> versions) {
        return new PipelineDetails(summary, history, updates, List.copyOf(versions));
    }

}
