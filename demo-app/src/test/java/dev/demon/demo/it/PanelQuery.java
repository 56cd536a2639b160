package dev.demon.demo.it;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PromQL query of a dashboard panel, with the legend Grafana names each of its series
 * by. Grafana evaluates it over the dashboard's time range, or at its end only when the
 * target is marked instant (tables of current values, say).
 */
record PanelQuery(String dashboard, String panelTitle, String refId, String expr, String legendFormat,
        boolean instant) {

    /**
     * Grafana's variable syntaxes: {@code $name}, {@code ${name}}, {@code ${name:format}}
     * and {@code [[name]]}
     * (https://grafana.com/docs/grafana/latest/dashboards/variables/variable-syntax/).
     */
    private static final Pattern VARIABLE = Pattern
        .compile("\\$\\{(\\w+)(?::[^}]*)?}|\\[\\[(\\w+)(?::[^\\]]*)?]]|\\$(\\w+)");

    /**
     * A label in a legend: Grafana writes the series' value of {@code label} for
     * {@code {{label}}}, nothing when the series has no such label.
     */
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    /**
     * A PromQL aggregation with its optional label list written before its argument:
     * {@code sum(...)}, {@code max by (a, b) (...)}, {@code sum without (a) (...)}.
     */
    private static final Pattern AGGREGATION = Pattern
        .compile("\\b(?:sum|min|max|avg|count|group|stddev|stdvar)\\s*(?:(by|without)\\s*\\(([^)]*)\\))?\\s*\\(");

    /** The labels {@link #legendFormat()} names, in order. */
    Set<String> legendLabels() {
        Set<String> labels = new LinkedHashSet<>();
        Matcher matcher = LEGEND_LABEL.matcher(this.legendFormat);
        while (matcher.find()) {
            labels.add(matcher.group(1));
        }
        return labels;
    }

    /**
     * The labels the legend names that an aggregation of {@link #expr()} removes from its
     * series, so that the legend can never show them: those {@code by} does not list,
     * those {@code without} lists, every one for an aggregation without either.
     */
    Set<String> labelsDroppedFromLegend() {
        Set<String> dropped = new LinkedHashSet<>();
        Matcher aggregation = AGGREGATION.matcher(this.expr);
        while (aggregation.find()) {
            Set<String> listed = new LinkedHashSet<>();
            if (aggregation.group(2) != null) {
                for (String label : aggregation.group(2).split(",")) {
                    listed.add(label.strip());
                }
            }
            for (String label : legendLabels()) {
                if ("without".equals(aggregation.group(1)) == listed.contains(label)) {
                    dropped.add(label);
                }
            }
        }
        return dropped;
    }

    /**
     * {@link #expr()} with every variable in {@code values} replaced; unknown variables
     * stay as written.
     */
    String resolve(Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(this.expr);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(name(matcher), matcher.group());
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    /** The names of the variables {@link #expr()} uses. */
    Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(this.expr);
        while (matcher.find()) {
            names.add(name(matcher));
        }
        return names;
    }

    private static String name(Matcher matcher) {
        for (int group = 1; group <= matcher.groupCount(); group++) {
            if (matcher.group(group) != null) {
                return matcher.group(group);
            }
        }
        throw new IllegalStateException("No variable name in " + matcher.group());
    }

    /**
     * A file name for this query: the panel's title in lower case, Greek letters spelled
     * out, words joined by hyphens, then the query's refId, such as
     * {@code momentum-beta-t-and-learning-rate-eta-t-a}.
     */
    String fileName() {
        String title = this.panelTitle.replace("β", "beta").replace("η", "eta").toLowerCase(Locale.ROOT);
        return (title + "-" + this.refId.toLowerCase(Locale.ROOT)).replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    }

    @Override
    public String toString() {
        return "panel \"" + this.panelTitle + "\" (query " + this.refId + ") of " + this.dashboard + ": " + this.expr;
    }
}
