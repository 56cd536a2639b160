package dev.demon.spring.page;

import java.util.List;

/**
 * Everything the page shows of one sweep, as {@code GET /demon/api/sweeps/{name}} answers
 * it.
 *
 * @param summary its line, as in the list
 * @param trials each trial of its latest run, in trial order
 * @param heatmap the mean best objective over two swept numeric parameters, or null when
 * the sweep has fewer than two
 */
public record SweepDetails(SweepOverview summary, List<TrialFigures> trials, SweepHeatmap heatmap) {
}
