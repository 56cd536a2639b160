package dev.demon.demo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import tools.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every panel of every dashboard in {@code grafana/dashboards} shows data from the real
 * app: the packaged demo jar trains its quick job while a real Prometheus scrapes it with
 * the configuration of {@code grafana/prometheus.yml}; then each panel query, with its
 * template variables filled in as Grafana would, is evaluated through Prometheus' HTTP
 * API over the time Prometheus watched the app, as a Grafana user watching the run would
 * see it, and drawn on Prometheus' own graph page in headless Chromium (Grafana itself
 * cannot run here), whose pictures the build keeps.
 */
class GrafanaDashboardIT {

    /** Grafana's graph resolution here: one point per scrape. */
    private static final Duration STEP = LoopbackPrometheus.SCRAPE_INTERVAL;

    /**
     * A metric name directly followed by its label matchers or range, as PromQL writes a
     * series selector.
     */
    private static final Pattern SELECTED_METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");

    /** A safety net against a hung job, far above the quick profile's usual run time. */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    static Path workDir;

    private static QuickJobProcess demoApp;

    private static LoopbackPrometheus prometheus;

    private static String pipeline;

    /** Headless Chromium on Prometheus' graph page, opened by the test that draws. */
    private static PrometheusGraphPage graphPage;

    /**
     * The time range of the dashboard: from Prometheus' start to a scrape after the job's
     * end.
     */
    private static Instant rangeStart;

    private static Instant rangeEnd;

    @BeforeAll
    static void trainTheQuickJobWhilePrometheusScrapesIt() throws IOException {
        Path prometheusBinary = LoopbackPrometheus.binary();
        demoApp = QuickJobProcess.start(workDir);
        // Prometheus starts while the app boots, so it records the whole run, not only
        // its end.
        Instant watchedFrom = Instant.now();
        prometheus = LoopbackPrometheus.start(prometheusBinary, GrafanaFolder.locate().prometheusConfig(),
                demoApp.scrapeTarget(), workDir);
        JsonNode report = demoApp.awaitReport(JOB_TIMEOUT);
        Instant jobEnded = Instant.now();
        assertEquals("COMPLETED", report.path("status").asString(),
                () -> "The quick job did not complete: " + report + "\n" + demoApp.logTail());
        pipeline = report.path("pipeline").asString();
        // With a web server the app keeps serving /actuator/prometheus after the job.
        demoApp.requireAlive();
        prometheus.awaitScrapeStartedAfter(jobEnded, Duration.ofMinutes(1));
        // Ranges are evaluated at start, start + step, ... up to end: count the steps
        // back from the
        // end, so that the last point evaluated is after that scrape and sees the job's
        // final values.
        rangeEnd = Instant.now();
        long steps = Duration.between(watchedFrom, rangeEnd).toMillis() / STEP.toMillis() + 1;
        rangeStart = rangeEnd.minus(STEP.multipliedBy(steps));
    }

    @AfterAll
    static void stopEverythingStarted() {
        try {
            if (graphPage != null) {
                graphPage.close();
            }
        }
        finally {
            try {
                if (prometheus != null) {
                    prometheus.close();
                }
            }
            finally {
                if (demoApp != null) {
                    demoApp.close();
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyPanelQueryReturnsData() {
        return forEveryPanelQuery(GrafanaDashboardIT::assertReturnsData);
    }

    /**
     * Every panel query, drawn by Prometheus' own graph page in headless Chromium over
     * the time Prometheus watched the app, shows a curve; the pictures stay in
     * {@code target/screenshots/grafana-<panel>-<query>.png}.
     */
    @TestFactory
    Stream<DynamicContainer> everyPanelQueryIsDrawnAsACurve() throws IOException {
        Path screenshots = Files.createDirectories(DemoJar.path().toAbsolutePath().getParent().resolve("screenshots"));
        graphPage = PrometheusGraphPage.open(prometheus.address());
        return forEveryPanelQuery((query, variables) -> {
            String resolved = query.resolve(variables);
            PrometheusGraphPage.Drawing drawing = graphPage.draw(resolved, rangeStart, STEP);
            Path png = screenshots.resolve("grafana-" + query.fileName() + ".png");
            Files.write(png, drawing.png());
            assertEquals("", drawing.error(), () -> "Prometheus' graph page shows an error for " + query);
            assertTrue(drawing.linesDrawn() > 0, () -> "No curve drawn for " + query + "\n  evaluated as " + resolved
                    + "\n  paths " + drawing.curves() + "\n  see " + png);
        });
    }

    /**
     * One test per panel query of every dashboard, grouped by dashboard, each given the
     * values of the dashboard's variables.
     */
    private static Stream<DynamicContainer> forEveryPanelQuery(PanelCheck check) {
        return GrafanaFolder.locate().dashboards().stream().map(dashboard -> {
            List<PanelQuery> queries = dashboard.panelQueries();
            assertFalse(queries.isEmpty(), () -> dashboard.fileName() + " has no panel queries");
            Map<String, String> variables = variableValues(dashboard);
            return DynamicContainer.dynamicContainer(dashboard.fileName(),
                    queries.stream()
                        .map(query -> DynamicTest.dynamicTest(query.panelTitle() + " (" + query.refId() + ")",
                                () -> check.check(query, variables))));
        });
    }

    @FunctionalInterface
    private interface PanelCheck {

        void check(PanelQuery query, Map<String, String> variables) throws Exception;

    }

    @TestFactory
    Stream<DynamicTest> thePipelineVariableOffersTheTrainedPipeline() {
        return GrafanaFolder.locate()
            .dashboards()
            .stream()
            .map(dashboard -> DynamicTest.dynamicTest(dashboard.fileName(), () -> {
                TemplateVariable variable = dashboard.variables()
                    .stream()
                    .filter(candidate -> candidate.name().equals("pipeline"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionFailedError(dashboard.fileName() + " has no pipeline variable"));
                assertTrue(optionsOf(variable).contains(pipeline), () -> "Variable " + variable + " of "
                        + dashboard.fileName() + " offers " + optionsOf(variable) + ", not " + pipeline);
            }));
    }

    /**
     * The check above can fail: a panel on a metric nobody exports is reported with its
     * title and query.
     */
    @Test
    void aPanelOnAMetricNobodyExportsFailsWithItsTitleAndQuery() {
        PanelQuery unexported = new PanelQuery("made-up.json", "Made-up panel", "A",
                "demon_made_up_metric{pipeline=~\"$pipeline\"}", "{{pipeline}}", false);
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> assertReturnsData(unexported, Map.of("pipeline", pipeline)));
        assertTrue(failure.getMessage().contains("panel \"Made-up panel\""), failure::getMessage);
        assertTrue(failure.getMessage().contains(unexported.expr()), failure::getMessage);
        assertTrue(failure.getMessage().contains("nobody exports: [demon_made_up_metric]"), failure::getMessage);
    }

    private static void assertReturnsData(PanelQuery query, Map<String, String> variables) {
        Set<String> undefined = new TreeSet<>(query.variables());
        undefined.removeAll(variables.keySet());
        assertTrue(undefined.isEmpty(), () -> "Variables " + undefined + " are not defined for " + query);
        String resolved = query.resolve(variables);
        JsonNode data;
        try {
            data = query.instant() ? prometheus.query(resolved, rangeEnd)
                    : prometheus.queryRange(resolved, rangeStart, rangeEnd, STEP);
        }
        catch (IllegalArgumentException rejected) {
            throw new AssertionFailedError(
                    "Prometheus rejects " + query + "\n  evaluated as " + resolved + "\n  " + rejected.getMessage());
        }
        List<Double> values = sampleValues(data);
        assertFalse(values.isEmpty(), () -> "No data for " + query + "\n  evaluated as " + resolved
                + "\n  metrics nobody exports: " + unexportedMetrics(resolved));
        assertTrue(values.stream().anyMatch(Double::isFinite),
                () -> "Only NaN or infinite values " + values + " for " + query + "\n  evaluated as " + resolved);
    }

    /**
     * Values for every variable a dashboard's queries may use, chosen as a Grafana user
     * watching the quick job would.
     */
    private static Map<String, String> variableValues(GrafanaDashboard dashboard) {
        Map<String, String> values = new HashMap<>(grafanaBuiltIns());
        for (TemplateVariable variable : dashboard.variables()) {
            if (variable.type().equals("query")) {
                List<String> options = optionsOf(variable);
                values.put(variable.name(), options.contains(pipeline) ? pipeline : options.get(0));
            }
            else {
                values.put(variable.name(), variable.currentValue());
            }
        }
        return values;
    }

    /**
     * Grafana's built-in time variables for the dashboard's range, with its rule for the
     * rate interval: max($__interval + scrape interval, 4 × scrape interval)
     * (https://grafana.com/docs/grafana/latest/datasources/prometheus/template-variables/#use-__rate_interval).
     */
    private static Map<String, String> grafanaBuiltIns() {
        Duration scrape = LoopbackPrometheus.SCRAPE_INTERVAL;
        Duration rateInterval = Collections.max(List.of(STEP.plus(scrape), scrape.multipliedBy(4)));
        Duration range = Duration.between(rangeStart, rangeEnd);
        return Map.of("__interval", LoopbackPrometheus.promqlDuration(STEP), "__interval_ms",
                String.valueOf(STEP.toMillis()), "__rate_interval", LoopbackPrometheus.promqlDuration(rateInterval),
                "__range", range.toSeconds() + "s", "__range_s", String.valueOf(range.toSeconds()), "__range_ms",
                String.valueOf(range.toMillis()));
    }

    /** The options Grafana would offer for a query variable, asked from Prometheus. */
    private static List<String> optionsOf(TemplateVariable variable) {
        TemplateVariable.LabelValues query = variable.labelValues()
            .orElseThrow(() -> new AssertionFailedError(
                    "Only label_values(...) variable queries are evaluated: " + variable));
        List<String> options = prometheus.labelValues(query.label(), query.selector());
        assertFalse(options.isEmpty(), () -> "Variable " + variable + " has no options");
        return options;
    }

    /** Sample values of an instant query's result, whatever its type. */
    private static List<Double> sampleValues(JsonNode data) {
        List<Double> values = new ArrayList<>();
        JsonNode result = data.path("result");
        switch (data.path("resultType").asString()) {
            case "vector" -> result.forEach(series -> values.add(sampleValue(series.path("value"))));
            case "matrix" ->
                result.forEach(series -> series.path("values").forEach(sample -> values.add(sampleValue(sample))));
            case "scalar" -> values.add(sampleValue(result));
            default -> fail("Unexpected result type in " + data);
        }
        return values;
    }

    /**
     * Prometheus writes a sample as [time, "value"], the value a string so that NaN and
     * ±Inf fit.
     */
    private static double sampleValue(JsonNode sample) {
        return switch (sample.path(1).asString()) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(sample.path(1).asString());
        };
    }

    private static Set<String> unexportedMetrics(String expr) {
        List<String> exported = prometheus.labelValues("__name__", Optional.empty());
        Set<String> missing = new TreeSet<>();
        Matcher matcher = SELECTED_METRIC.matcher(expr);
        while (matcher.find()) {
            if (!exported.contains(matcher.group(1))) {
                missing.add(matcher.group(1));
            }
        }
        return missing;
    }

}
