package dev.demon.benchmarks.comparison;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import dev.demon.benchmarks.stats.Samples;

/**
 * The sensitivity grid's results: for each method (a variant of the sensitivity sweep),
 * the mean test error over seeds at every learning rate × β_init pair (its parameters
 * {@code learning-rate.initial} and {@code momentum.beta-init}, in the order the sweep
 * lists them), as a Markdown table and as a PNG heatmap drawn with XChart. All heatmaps
 * share one colour scale, so equal colours mean equal errors across methods.
 */
public final class SensitivityHeatmaps {

    /** The x axis: η0. */
    static final String LEARNING_RATE = "learning-rate.initial";

    /** The y axis: β_init. */
    static final String BETA_INIT = "momentum.beta-init";

    private final List<String> learningRates = new ArrayList<>();

    private final List<String> betaInits = new ArrayList<>();

    private final Map<String, Map<String, List<Double>>> errors = new LinkedHashMap<>();

    private final Map<String, String> optimizers = new LinkedHashMap<>();

    /**
     * @param finished the finished trials of the sensitivity sweeps
     * @throws IllegalArgumentException when a trial lacks one of the two axes
     */
    public SensitivityHeatmaps(List<TrialError> finished) {
        for (TrialError trial : finished) {
            String learningRate = axis(trial, LEARNING_RATE);
            String betaInit = axis(trial, BETA_INIT);
            if (!learningRates.contains(learningRate)) {
                learningRates.add(learningRate);
            }
            if (!betaInits.contains(betaInit)) {
                betaInits.add(betaInit);
            }
            optimizers.putIfAbsent(trial.method(), trial.optimizer().toUpperCase(Locale.ROOT));
            errors.computeIfAbsent(trial.method(), k -> new LinkedHashMap<>())
                .computeIfAbsent(pair(learningRate, betaInit), k -> new ArrayList<>())
                .add(trial.testError());
        }
    }

    private static String axis(TrialError trial, String parameter) {
        String value = trial.parameters().get(parameter);
        if (value == null) {
            throw new IllegalArgumentException(
                    "Trial of sweep " + trial.setting() + " " + trial.parameters() + " has no parameter " + parameter
                            + ": a sensitivity sweep sweeps " + LEARNING_RATE + " and " + BETA_INIT);
        }
        return value;
    }

    private static String pair(String learningRate, String betaInit) {
        return learningRate + "/" + betaInit;
    }

    private Double meanError(String method, String learningRate, String betaInit) {
        List<Double> values = errors.getOrDefault(method, Map.of()).get(pair(learningRate, betaInit));
        return values == null ? null : Samples.of(values).mean();
    }

    /**
     * Draws one heatmap per method into {@code folder}: {@code sensitivity-<method>.png}.
     * @param folder where to write
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public List<Path> draw(Path folder) throws IOException {
        Files.createDirectories(folder);
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Map<String, List<Double>> byPair : errors.values()) {
            for (List<Double> values : byPair.values()) {
                double mean = 100 * Samples.of(values).mean();
                min = Math.min(min, mean);
                max = Math.max(max, mean);
            }
        }
        List<Path> files = new ArrayList<>();
        for (String method : errors.keySet()) {
            HeatMapChart chart = new HeatMapChartBuilder().width(640)
                .height(480)
                .title("Test error (%) of " + method + " " + optimizers.get(method))
                .xAxisTitle("learning rate η0")
                .yAxisTitle("β_init")
                .build();
            chart.getStyler()
                .setShowValue(true)
                .setMin(Math.floor(min))
                .setMax(Math.ceil(max))
                .setRangeColors(new Color[] { new Color(0x1a9850), new Color(0xfee08b), new Color(0xd73027) })
                .setHeatMapValueDecimalPattern("0.0");
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
            List<Number[]> heat = new ArrayList<>();
            for (int x = 0; x < learningRates.size(); x++) {
                for (int y = 0; y < betaInits.size(); y++) {
                    Double error = meanError(method, learningRates.get(x), betaInits.get(y));
                    if (error != null) {
                        heat.add(new Number[] { x, y, 100 * error });
                    }
                }
            }
            chart.addSeries("test error %", learningRates, betaInits, heat);
            Path file = folder.resolve("sensitivity-" + method + ".png");
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            files.add(file);
        }
        return files;
    }

    /**
     * How much each method depends on its hyper-parameters: over the grid of mean errors,
     * the best, the median and the worst, and how many pairs come within 2 percentage
     * points of the method's own best (the paper's claim: Demon is less sensitive to η0
     * and β_init).
     * @return the summary as a Markdown table
     */
    public String summary() {
        StringBuilder out = new StringBuilder(
                "| method | best % | median % over the grid | worst % | pairs within 2 pp of its best |\n"
                        + "|---|---:|---:|---:|---:|\n");
        for (String method : errors.keySet()) {
            List<Double> means = errors.get(method).values().stream().map(v -> 100 * Samples.of(v).mean()).toList();
            Samples grid = Samples.of(means);
            long near = means.stream().filter(error -> error <= grid.min() + 2).count();
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %d of %d |%n", method, grid.min(),
                    grid.median(), grid.max(), near, means.size()));
        }
        return out.toString();
    }

    /**
     * The same numbers as Markdown tables, rows β_init, columns η0, after the
     * {@link #summary()}.
     * @return the tables
     */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder(summary()).append('\n');
        for (String method : errors.keySet()) {
            out.append("Test error (%) of ")
                .append(method)
                .append(' ')
                .append(optimizers.get(method))
                .append(", mean over seeds\n\n| β_init \\ η0 |");
            learningRates.forEach(lr -> out.append(' ').append(lr).append(" |"));
            out.append("\n|---|");
            learningRates.forEach(lr -> out.append("---:|"));
            out.append('\n');
            for (String beta : betaInits) {
                out.append("| ").append(beta).append(" |");
                for (String lr : learningRates) {
                    Double error = meanError(method, lr, beta);
                    out.append(error == null ? " – |" : String.format(Locale.ROOT, " %.2f |", 100 * error));
                }
                out.append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

}
