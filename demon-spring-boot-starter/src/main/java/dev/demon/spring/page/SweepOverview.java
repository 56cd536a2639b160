package dev.demon.spring.page;

import java.util.Map;

/**
 * One sweep's line on the training page, as {@code GET /demon/api/sweeps} lists it.
 *
 * @param sweep the sweep's name, also its job's
 * @param pipeline the pipeline its trials train
 * @param search {@code grid} or {@code random}
 * @param objective what the trials are compared on: {@code validation-loss} or
 * {@code validation-accuracy}
 * @param direction {@code minimize} (a loss) or {@code maximize} (an accuracy)
 * @param trials how many trials of the sweep's latest run have each status (STARTING,
 * STARTED, COMPLETED, PRUNED, FAILED, STOPPED...), by status name in alphabetical order;
 * empty before the sweep's first run
 */
public record SweepOverview(String sweep, String pipeline, String search, String objective, String direction,
        Map<String, Integer> trials) {
}
