package dev.demon.benchmarks.comparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.demon.benchmarks.stats.Samples;

/**
 * The comparison's results in the paper's format (Chen et al., arXiv:1910.04952, Section
 * 4): per setting (a sweep), the mean ± standard deviation of the test error of every
 * method (a variant of the sweep) over its seeds; and the number of settings where each
 * method finishes first (Top-1) or among the first three (Top-3) by mean test error.
 * Methods are listed in the order the sweeps declare them.
 */
public final class ComparisonTable {

    /**
     * Means closer than this are tied. A cell's test error is 1 − a float accuracy, so
     * equal error counts can give means that differ by float rounding (about 1e-7);
     * distinct means over n test images and k seeds differ by at least 1/(k·n), 3.3e-6
     * even for 100 000 images and 3 seeds.
     */
    static final double TIE_TOLERANCE = 1e-6;

    private final Map<String, Map<String, Samples>> errors = new TreeMap<>(ComparisonTable::settingOrder);

    private final Map<String, Integer> diverged = new LinkedHashMap<>();

    private double cellSeconds;

    private int cells;

    private final List<String> methods = new ArrayList<>();

    /**
     * @param finished the finished trials of the comparison's sweeps
     */
    public ComparisonTable(List<TrialError> finished) {
        Map<String, Map<String, List<Double>>> grouped = new LinkedHashMap<>();
        for (TrialError trial : finished) {
            grouped.computeIfAbsent(trial.setting(), k -> new LinkedHashMap<>())
                .computeIfAbsent(trial.method(), k -> new ArrayList<>())
                .add(trial.testError());
            if (!methods.contains(trial.method())) {
                methods.add(trial.method());
            }
            if (trial.diverged()) {
                diverged.merge(trial.setting() + "/" + trial.method(), 1, Integer::sum);
            }
            cellSeconds += trial.seconds();
            cells++;
        }
        grouped.forEach((setting, byMethod) -> {
            Map<String, Samples> samples = new LinkedHashMap<>();
            byMethod.forEach((method, values) -> samples.put(method, Samples.of(values)));
            errors.put(setting, samples);
        });
    }

    /** Settings in the paper's order: model, optimizer, then short before long. */
    private static int settingOrder(String a, String b) {
        return sortKey(a).compareTo(sortKey(b));
    }

    private static String sortKey(String setting) {
        return setting.replace("-short", "-0short")
            .replace("-long", "-1long")
            .replace("mlp-", "0mlp-")
            .replace("cnn-", "1cnn-");
    }

    /**
     * The methods of a setting from best to worst mean test error.
     * @param setting e.g. {@code cnn-sgdm-short}
     * @return the ranking
     */
    public List<String> ranking(String setting) {
        List<String> ranked = new ArrayList<>(errors.get(setting).keySet());
        ranked.sort(Comparator.comparingDouble(method -> errors.get(setting).get(method).mean()));
        return ranked;
    }

    /**
     * How many settings matching {@code settings} a method wins or finishes among the
     * first {@code top}; tied means share their place (so ties can give more than one
     * Top-1).
     * @param method the method, a variant's name
     * @param top 1 or 3
     * @param settings which settings count
     * @return the count
     */
    public int finishes(String method, int top, Predicate<String> settings) {
        int count = 0;
        for (String setting : errors.keySet()) {
            if (settings.test(setting)) {
                Samples own = errors.get(setting).get(method);
                if (own != null) {
                    // Competition ranking: methods with equal means share a place.
                    long better = errors.get(setting)
                        .values()
                        .stream()
                        .filter(s -> s.mean() < own.mean() - TIE_TOLERANCE)
                        .count();
                    if (better < top) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /**
     * The tables as Markdown.
     * @return the report
     */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("Test error (%), mean ± std over seeds; **bold**: best mean of the setting.\n\n| setting |");
        methods.forEach(method -> out.append(' ').append(method).append(" |"));
        out.append("\n|---|");
        methods.forEach(method -> out.append("---:|"));
        out.append('\n');
        errors.forEach((setting, byMethod) -> {
            double best = byMethod.get(ranking(setting).get(0)).mean();
            out.append("| ").append(setting).append(" |");
            for (String method : methods) {
                Samples samples = byMethod.get(method);
                if (samples == null) {
                    out.append(" – |");
                    continue;
                }
                String cell = String.format(Locale.ROOT, "%.2f ± %.2f", 100 * samples.mean(),
                        100 * samples.standardDeviation());
                out.append(' ').append(samples.mean() <= best + TIE_TOLERANCE ? "**" + cell + "**" : cell).append(" |");
            }
            out.append('\n');
        });
        long sgdmSettings = errors.keySet().stream().filter(s -> s.contains("-sgdm-")).count();
        long adamSettings = errors.keySet().stream().filter(s -> s.contains("-adam-")).count();
        out.append(String.format(Locale.ROOT, "%nTop-1 / Top-3 finishes by mean test error (out of %d SGDM and %d Adam "
                + "settings).%n%n| method | SGDM Top-1 | SGDM Top-3 | Adam Top-1 | Adam Top-3 | all Top-1 | all Top-3 |%n"
                + "|---|---:|---:|---:|---:|---:|---:|%n", sgdmSettings, adamSettings));
        Predicate<String> sgdm = s -> s.contains("-sgdm-");
        Predicate<String> adam = s -> s.contains("-adam-");
        Predicate<String> all = s -> true;
        for (String method : methods) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |%n", method,
                    finishes(method, 1, sgdm), finishes(method, 3, sgdm), finishes(method, 1, adam),
                    finishes(method, 3, adam), finishes(method, 1, all), finishes(method, 3, all)));
        }
        out.append(String.format(Locale.ROOT, "%n%d trials, %.1f s of training per trial on average.%n", cells,
                cells == 0 ? 0 : cellSeconds / cells));
        if (!diverged.isEmpty()) {
            out.append("Diverged runs (counted with the error they ended with): ").append(diverged).append('\n');
        }
        return out.toString();
    }

}
