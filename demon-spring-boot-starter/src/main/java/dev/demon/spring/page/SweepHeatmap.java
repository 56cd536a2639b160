package dev.demon.spring.page;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.demon.spring.sweep.TrialOutcome;
import dev.demon.spring.training.ModelMonitor;

/**
 * A sweep's sensitivity to two of its parameters, as the paper's heatmaps show it: the
 * mean of the trials' best objectives in each cell of a grid over two swept numeric
 * parameters, the mean taken over every other parameter (seeds, say).
 *
 * <p>
 * The axes are the first two parameters, in the sweep's declared order, that take at
 * least two values and whose every value is a number; {@code seed} is never an axis, as
 * the mean is over seeds. A value is an axis value once, however it is written
 * ({@code 0.1} and {@code 0.10} are one), with the spelling of its first trial.
 *
 * @param x the parameter along the columns, such as {@code learning-rate.initial}
 * @param y the parameter along the rows
 * @param xValues the values of x, in increasing numeric order
 * @param yValues the values of y, in increasing numeric order
 * @param cells one row per y value, one cell per x value: the mean best objective of the
 * trials with those two values, null where no trial has a finite one
 */
public record SweepHeatmap(String x, String y, List<String> xValues, List<String> yValues, List<List<Double>> cells) {

    /** The seed parameter, what the cells average over rather than an axis. */
    static final String SEED = "seed";

    /**
     * The heatmap of a sweep's trials.
     * @param trials the trials, each with its parameters and objectives
     * @param objective the sweep's objective, which picks each trial's best epoch
     * @return the heatmap, empty when fewer than two parameters can be its axes
     */
    public static Optional<SweepHeatmap> of(List<TrialOutcome> trials, ModelMonitor objective) {
        List<String> axes = new ArrayList<>();
        for (String name : parameterNames(trials)) {
            if (axes.size() < 2 && !SEED.equals(name) && axisValues(trials, name).size() >= 2) {
                axes.add(name);
            }
        }
        if (axes.size() < 2) {
            return Optional.empty();
        }
        Map<Double, String> xValues = axisValues(trials, axes.get(0));
        Map<Double, String> yValues = axisValues(trials, axes.get(1));
        List<List<Double>> cells = new ArrayList<>();
        for (double y : yValues.keySet()) {
            List<Double> row = new ArrayList<>();
            for (double x : xValues.keySet()) {
                row.add(mean(trials, objective, axes.get(0), x, axes.get(1), y));
            }
            cells.add(row);
        }
        return Optional.of(new SweepHeatmap(axes.get(0), axes.get(1), List.copyOf(xValues.values()),
                List.copyOf(yValues.values()), cells));
    }

    private static Set<String> parameterNames(List<TrialOutcome> trials) {
        Set<String> names = new LinkedHashSet<>();
        trials.forEach(trial -> names.addAll(trial.progress().parameters().keySet()));
        return names;
    }

    /**
     * A parameter's values by their numbers, in increasing order; empty when one trial
     * lacks it or writes it as something other than a finite number.
     */
    private static Map<Double, String> axisValues(List<TrialOutcome> trials, String name) {
        Map<Double, String> values = new TreeMap<>();
        for (TrialOutcome trial : trials) {
            String written = trial.progress().parameters().get(name);
            Double value = (written != null) ? number(written) : null;
            if (value == null) {
                return Map.of();
            }
            values.putIfAbsent(value, written);
        }
        return values;
    }

    private static Double mean(List<TrialOutcome> trials, ModelMonitor objective, String xName, double x, String yName,
            double y) {
        double sum = 0;
        int count = 0;
        for (TrialOutcome trial : trials) {
            Map<String, String> parameters = trial.progress().parameters();
            Double best = trial.bestObjective(objective);
            if (best != null && number(parameters.get(xName)) == x && number(parameters.get(yName)) == y) {
                sum += best;
                count++;
            }
        }
        return count > 0 ? sum / count : null;
    }

    private static Double number(String written) {
        try {
            double value = Double.parseDouble(written.trim());
            return Double.isFinite(value) ? value : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

}
