package dev.demon.demo.it;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The files of {@code grafana/} fit together: what docker-compose.yml mounts exists and
 * is where the provisioning files expect it, every dashboard query is scoped by the
 * {@code pipeline} variable, and every series of the starter's meters is one run's, a
 * pipeline's own job or a sweep's trial, named so in its legend.
 * {@link GrafanaDashboardIT} checks the queries against a real Prometheus.
 */
class GrafanaProvisioningTest {

    /** Names of the starter's metrics and of Spring Batch's own job and step metrics. */
    private static final Pattern TRAINING_METRIC = Pattern
        .compile("\\b(demon_\\w+|spring_batch_job_\\w+|spring_batch_step_\\w+)(\\{[^}]*})?");

    /**
     * PromQL's label lists of aggregations and vector matching, which name labels, not
     * metrics.
     */
    private static final Pattern LABEL_LIST = Pattern
        .compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

    /** The starter's own meters, which carry the tags pipeline, sweep and trial. */
    private static final Pattern STARTER_METRIC = Pattern.compile("\\bdemon_\\w+");

    private final GrafanaFolder grafana = GrafanaFolder.locate();

    @Test
    void everyTrainingMetricInEveryQueryIsFilteredByThePipelineVariable() {
        for (GrafanaDashboard dashboard : this.grafana.dashboards()) {
            for (PanelQuery query : dashboard.panelQueries()) {
                Matcher metric = TRAINING_METRIC.matcher(LABEL_LIST.matcher(query.expr()).replaceAll(""));
                while (metric.find()) {
                    String matchers = metric.group(2) == null ? "" : metric.group(2);
                    assertTrue(matchers.contains(pipelineLabel(metric.group(1)) + "=~\"$pipeline\""),
                            () -> metric.group(1) + " is not filtered by " + pipelineLabel(metric.group(1)) + " in "
                                    + query);
                }
            }
        }
    }

    /**
     * {@link GrafanaDashboardIT} keeps a picture of every query in a file named after it:
     * no two queries may share a name.
     */
    @Test
    void everyPanelQueryHasAPictureFileNameOfItsOwn() {
        List<String> names = this.grafana.dashboards()
            .stream()
            .flatMap(dashboard -> dashboard.panelQueries().stream())
            .map(PanelQuery::fileName)
            .toList();
        assertEquals(names.size(), new HashSet<>(names).size(), names::toString);
    }

    @Test
    void aQueryPictureIsNamedAfterItsPanelTitleWithGreekLettersSpelledOutAndItsRefId() {
        PanelQuery query = new PanelQuery("demon-training.json", "Momentum β_t and learning rate η_t", "B",
                "demon_learning_rate{pipeline=~\"$pipeline\"}", "η_t {{pipeline}}", false);
        assertEquals("momentum-beta-t-and-learning-rate-eta-t-b", query.fileName());
    }

    /**
     * A sweep's trials export the meters of their pipeline's own job, told apart only by
     * the tags {@code sweep} and {@code trial} (empty outside a sweep): every series of
     * the starter's meters is named by all three, so that no two runs share a legend.
     */
    @Test
    void everyQueryOfTheStartersMetricsNamesThePipelineSweepAndTrialInItsLegend() {
        for (GrafanaDashboard dashboard : this.grafana.dashboards()) {
            for (PanelQuery query : dashboard.panelQueries()) {
                if (STARTER_METRIC.matcher(query.expr()).find()) {
                    assertTrue(query.legendLabels().containsAll(List.of("pipeline", "sweep", "trial")),
                            () -> "legend \"" + query.legendFormat() + "\" of " + query);
                }
            }
        }
    }

    /**
     * An aggregation keeps apart the runs it is drawn by: a pipeline's own job and each
     * of its sweep trials stay series of their own rather than one sum.
     */
    @Test
    void noQueryAggregatesAwayALabelItsLegendNames() {
        for (GrafanaDashboard dashboard : this.grafana.dashboards()) {
            for (PanelQuery query : dashboard.panelQueries()) {
                assertEquals(Set.of(), query.labelsDroppedFromLegend(),
                        () -> "legend \"" + query.legendFormat() + "\" of " + query);
            }
        }
    }

    /**
     * The check above can fail: a sum by pipeline adds a pipeline's job and trials up.
     */
    @Test
    void aSumByPipelineDropsTheSweepAndTrialItsLegendNames() {
        PanelQuery query = new PanelQuery("demon-training.json", "Samples per second", "A",
                "sum by (pipeline) (rate(demon_train_samples_total{pipeline=~\"$pipeline\"}[$__rate_interval]))",
                "{{pipeline}} {{sweep}} {{trial}}", false);
        assertEquals(Set.of("sweep", "trial"), query.labelsDroppedFromLegend());
    }

    @Test
    void anAggregationWithoutALabelListDropsEveryLabelItsLegendNames() {
        PanelQuery query = new PanelQuery("made-up.json", "Total", "A", "sum(demon_epoch)", "{{pipeline}} {{trial}}",
                false);
        assertEquals(Set.of("pipeline", "trial"), query.labelsDroppedFromLegend());
    }

    @Test
    void anAggregationWithoutLabelsDropsOnlyTheListedOnes() {
        PanelQuery query = new PanelQuery("made-up.json", "Slowest", "A",
                "max without (trial) (demon_train_batch_seconds_max)", "{{pipeline}} {{trial}}", false);
        assertEquals(Set.of("trial"), query.labelsDroppedFromLegend());
    }

    @Test
    void everyPanelQueriesTheDatasourceOfTheDatasourceVariable() {
        for (GrafanaDashboard dashboard : this.grafana.dashboards()) {
            assertEquals(Set.of("${datasource}"), new HashSet<>(dashboard.datasourceUids()), dashboard.fileName());
        }
    }

    @Test
    void theDatasourceVariableDefaultsToTheProvisionedPrometheus() throws IOException {
        Map<String, Object> datasource = onlyElement(
                list(yaml(this.grafana.datasourceProvisioning().resolve("prometheus.yml")), "datasources"));
        assertEquals("prometheus", datasource.get("type"));
        for (GrafanaDashboard dashboard : this.grafana.dashboards()) {
            TemplateVariable variable = dashboard.variables()
                .stream()
                .filter(candidate -> candidate.type().equals("datasource"))
                .findFirst()
                .orElseThrow();
            assertEquals(datasource.get("uid"), variable.currentValue(), dashboard.fileName());
        }
    }

    @Test
    void composeMountsTheGrafanaProvisioningWhereGrafanaReadsIt() throws IOException {
        Map<String, Path> mounts = bindMounts("grafana");
        assertEquals(this.grafana.datasourceProvisioning(), mounts.get("/etc/grafana/provisioning/datasources"));
        assertEquals(this.grafana.dashboardProvisioning(), mounts.get("/etc/grafana/provisioning/dashboards"));
        Map<String, Object> provider = onlyElement(
                list(yaml(this.grafana.dashboardProvisioning().resolve("demon.yml")), "providers"));
        String dashboardsPath = (String) map(provider, "options").get("path");
        assertEquals(this.grafana.dashboardsFolder(), mounts.get(dashboardsPath));
    }

    @Test
    void composeOpensGrafanaOnAProvisionedDashboard() throws IOException {
        Map<String, Object> environment = map(service("grafana"), "environment");
        Map<String, Path> mounts = bindMounts("grafana");
        Path home = Path.of((String) environment.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
        Path hostFolder = mounts.get(home.getParent().toString());
        assertTrue(Files.isRegularFile(hostFolder.resolve(home.getFileName())), home::toString);
    }

    @Test
    void composeStartsPrometheusWithTheScrapeConfigurationAndGrafanaFindsIt() throws IOException {
        Map<String, Object> prometheus = service("prometheus");
        List<Object> command = list(prometheus, "command");
        String configFile = command.stream()
            .map(String::valueOf)
            .filter(argument -> argument.startsWith("--config.file="))
            .findFirst()
            .orElseThrow()
            .substring("--config.file=".length());
        assertEquals(this.grafana.prometheusConfig(), bindMounts("prometheus").get(configFile));
        assertTrue(list(prometheus, "ports").contains("9090:9090"));
        Map<String, Object> datasource = onlyElement(
                list(yaml(this.grafana.datasourceProvisioning().resolve("prometheus.yml")), "datasources"));
        assertEquals("http://prometheus:9090", datasource.get("url"));
    }

    @Test
    void prometheusScrapesTheDemoAppsActuatorEndpointOnTheDockerHost() throws IOException {
        Map<String, Object> scrape = onlyElement(list(yaml(this.grafana.prometheusConfig()), "scrape_configs"));
        assertEquals("/actuator/prometheus", scrape.get("metrics_path"));
        Map<String, Object> targets = onlyElement(list(scrape, "static_configs"));
        assertEquals(List.of("host.docker.internal:8080"), targets.get("targets"));
        assertTrue(list(service("prometheus"), "extra_hosts").contains("host.docker.internal:host-gateway"));
    }

    @Test
    void theTestConfigurationScrapesOnlyTheGivenTargetEverySecond() throws IOException {
        Map<String, Object> derived = new Yaml()
            .load(LoopbackPrometheus.deriveConfig(this.grafana.prometheusConfig(), "127.0.0.1:4321"));
        assertEquals("1s", map(derived, "global").get("scrape_interval"));
        Map<String, Object> scrape = onlyElement(list(derived, "scrape_configs"));
        assertEquals("/actuator/prometheus", scrape.get("metrics_path"));
        assertEquals(List.of("127.0.0.1:4321"), onlyElement(list(scrape, "static_configs")).get("targets"));
    }

    /**
     * Spring Batch names the job in its own label; the starter's metrics carry it as
     * {@code pipeline}.
     */
    private static String pipelineLabel(String metric) {
        if (metric.startsWith("spring_batch_job_")) {
            return "spring_batch_job_name";
        }
        return metric.startsWith("spring_batch_step_") ? "spring_batch_step_job_name" : "pipeline";
    }

    private Map<String, Object> service(String name) throws IOException {
        return map(map(yaml(this.grafana.dockerCompose()), "services"), name);
    }

    /**
     * Container path → host path of a service's bind mounts, whose host paths compose
     * reads relative to grafana/.
     */
    private Map<String, Path> bindMounts(String service) throws IOException {
        Map<String, Path> mounts = new HashMap<>();
        for (Object volume : list(service(service), "volumes")) {
            String[] hostAndContainer = String.valueOf(volume).split(":");
            if (hostAndContainer[0].startsWith("./")) {
                Path host = this.grafana.root().resolve(hostAndContainer[0]).normalize();
                assertTrue(Files.exists(host),
                        () -> service + " mounts " + volume + ", but " + host + " does not exist");
                mounts.put(hostAndContainer[1], host);
            }
        }
        return mounts;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertTrue(child instanceof Map, () -> key + " is not a mapping in " + parent);
        return (Map<String, Object>) child;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertTrue(child instanceof List, () -> key + " is not a list in " + parent);
        return (List<Object>) child;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyElement(List<Object> list) {
        assertEquals(1, list.size(), list::toString);
        assertTrue(list.get(0) instanceof Map, list::toString);
        return (Map<String, Object>) list.get(0);
    }

}
