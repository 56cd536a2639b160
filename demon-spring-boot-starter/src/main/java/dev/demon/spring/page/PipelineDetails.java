package dev.demon.spring.page;

import java.util.List;

/**
 * Everything the page charts of one pipeline, as {@code GET /demon/api/pipelines/{name}}
 * answers it.
 *
 * @param summary its line, as in the list
 * @param history one entry per finished epoch: losses, accuracies, samples per second
 * @param updates β_t and η_t over the run's T updates
 */
public record PipelineDetails(PipelineSummary summary, List<EpochFigures> history, UpdateCurves updates) {
}
