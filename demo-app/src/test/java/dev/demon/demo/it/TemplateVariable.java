package dev.demon.demo.it;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dashboard template variable: its name, Grafana type ({@code query},
 * {@code datasource}, ...) and query.
 */
record TemplateVariable(String name, String type, String query, String currentValue) {

    /**
     * Grafana's Prometheus variable function {@code label_values([selector,] label)}
     * (https://grafana.com/docs/grafana/latest/datasources/prometheus/template-variables/).
     */
    private static final Pattern LABEL_VALUES = Pattern
        .compile("^\\s*label_values\\(\\s*(?:(.+?)\\s*,\\s*)?(\\w+)\\s*\\)\\s*$");

    /**
     * The query, when it is a {@code label_values(...)} call: the series selector it
     * restricts to, and the label.
     */
    Optional<LabelValues> labelValues() {
        Matcher matcher = LABEL_VALUES.matcher(this.query);
        return matcher.matches() ? Optional.of(new LabelValues(Optional.ofNullable(matcher.group(1)), matcher.group(2)))
                : Optional.empty();
    }

    record LabelValues(Optional<String> selector, String label) {
    }
}
