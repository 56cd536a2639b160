package dev.demon.demo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Assumptions;
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
 * Every panel of every dashboard in {@code grafana/dashboards} shows data from the real app:
 * the packaged demo jar trains its quick job while a real Prometheus scrapes it with the
 * configuration of {@code grafana/prometheus.yml}; then each panel query, with its template
 * variables filled in as Grafana would, is evaluated through Prometheus' HTTP API.
 */
class GrafanaDashboardIT {

    /**
     * Grafana's built-in interval variables
     * (https://grafana.com/docs/grafana/latest/dashboards/variables/add-template-variables/#global-variables),
     * with values spanning many one-second scrapes of the quick job.
     */
    private static final Map<String, String> GRAFANA_BUILT_INS = Map.of("__rate_interval", "1m", "__interval", "15s",
            "__interval_ms", "15000", "__range", "15m", "__range_s", "900", "__range_ms", "900000");

    /** A metric name directly followed by its label matchers or range, as PromQL writes a series selector. */
    private static final Pattern SELECTED_METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");

    /** A safety net against a hung job, far above the quick profile's usual run time. */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    static Path workDir;

    private static QuickJobProcess demoApp;

    private static LoopbackPrometheus prometheus;

    private static String pipeline;

    @BeforeAll
    static void trainTheQuickJobWhilePrometheusScrapesIt() throws IOException {
        Path prometheusBinary = prometheusBinary();
        demoApp = QuickJobProcess.start(demoJar(), workDir);
        // Prometheus starts while the app boots, so it records the whole run, not only its end.
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
    }

    @AfterAll
    static void stopEverythingStarted() {
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

    @TestFactory
    Stream<DynamicContainer> everyPanelQueryReturnsData() {
        return GrafanaFolder.locate().dashboards().stream().map(dashboard -> {
            List<PanelQuery> queries = dashboard.panelQueries();
            assertFalse(queries.isEmpty(), () -> dashboard.fileName() + " has no panel queries");
            Map<String, String> variables = variableValues(dashboard);
            return DynamicContainer.dynamicContainer(dashboard.fileName(), queries.stream()
                .map(query -> DynamicTest.dynamicTest(query.panelTitle() + " (" + query.refId() + ")",
                        () -> assertReturnsData(query, variables))));
        });
    }

    @TestFactory
    Stream<DynamicTest> thePipelineVariableOffersTheTrainedPipeline() {
        return GrafanaFolder.locate().dashboards().stream()
            .map(dashboard -> DynamicTest.dynamicTest(dashboard.fileName(), () -> {
                TemplateVariable variable = dashboard.variables().stream()
                    .filter(candidate -> candidate.name().equals("pipeline"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionFailedError(dashboard.fileName() + " has no pipeline variable"));
                assertTrue(optionsOf(variable).contains(pipeline), () -> "Variable " + variable + " of "
                        + dashboard.fileName() + " offers " + optionsOf(variable) + ", not " + pipeline);
            }));
    }

    /** The check above can fail: a panel on a metric nobody exports is reported with its title and query. */
    @Test
    void aPanelOnAMetricNobodyExportsFailsWithItsTitleAndQuery() {
        PanelQuery unexported = new PanelQuery("made-up.json", "Made-up panel", "A",
                "demon_made_up_metric{pipeline=~\"$pipeline\"}");
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
            data = prometheus.query(resolved);
        }
        catch (IllegalArgumentException rejected) {
            throw new AssertionFailedError("Prometheus rejects " + query + "\n  evaluated as " + resolved + "\n  "
                    + rejected.getMessage());
        }
        List<Double> values = sampleValues(data);
        assertFalse(values.isEmpty(), () -> "No data for " + query + "\n  evaluated as " + resolved
                + "\n  metrics nobody exports: " + unexportedMetrics(resolved));
        assertTrue(values.stream().anyMatch(Double::isFinite),
                () -> "Only NaN or infinite values " + values + " for " + query + "\n  evaluated as " + resolved);
    }

    /** Values for every variable a dashboard's queries may use, chosen as a Grafana user watching the quick job would. */
    private static Map<String, String> variableValues(GrafanaDashboard dashboard) {
        Map<String, String> values = new HashMap<>(GRAFANA_BUILT_INS);
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

    /** The options Grafana would offer for a query variable, asked from Prometheus. */
    private static List<String> optionsOf(TemplateVariable variable) {
        TemplateVariable.LabelValues query = variable.labelValues()
            .orElseThrow(() -> new AssertionFailedError("Only label_values(...) variable queries are evaluated: " + variable));
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
            case "matrix" -> result.forEach(series -> series.path("values").forEach(sample -> values.add(sampleValue(sample))));
            case "scalar" -> values.add(sampleValue(result));
            default -> fail("Unexpected result type in " + data);
        }
        return values;
    }

    /** Prometheus writes a sample as [time, "value"], the value a string so that NaN and ±Inf fit. */
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

    private static Path prometheusBinary() {
        Optional<Path> binary = PrometheusBinary.locateOrInstall();
        if (binary.isEmpty()) {
            String missing = "No prometheus executable, and installing Debian's prometheus package needs root";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort(missing + " (a failure when CI=true)");
        }
        return binary.get();
    }

    /** The packaged demo app, which the build passes in as system property demo.jar. */
    private static Path demoJar() {
        String jar = System.getProperty("demo.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            fail("System property demo.jar must name the packaged demo app, but is " + jar);
        }
        return Path.of(jar);
    }
}
